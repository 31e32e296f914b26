using Otklik.Cluster;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Jobs;

namespace Otklik.Events.Webhooks;

/// <summary>What an integration receives: the event name, when, and a snapshot of the ticket at that moment.</summary>
public sealed record WebhookPayload(string Event, DateTime OccurredAt, WebhookTicket Ticket, long? MessageId, string? MessageKind, long? MergedIntoId);

public sealed record WebhookTicket(long Id, string Subject, string Status, string Priority, long CustomerId, long? AssigneeId, long? TeamId, int Version);

public sealed record WebhookJob(long WebhookId, WebhookPayload Payload);

/// <summary>
/// Turns committed ticket events into one outbox row per subscribed webhook, in the same
/// transaction as the change, so a crash can neither lose a delivery nor invent one.
/// </summary>
public sealed class WebhookEvents(WebhookSubscriptions subscriptions, TimeProvider clock) : IBeforeCommitListener
{
    public const string OutboxType = "webhook.deliver";

    public async Task<bool> HandleAsync(OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var hooks = await subscriptions.ActiveAsync(db, ct);
        if (hooks.Count == 0) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var payload in events.Select(e => ToPayload(e, now)).OfType<WebhookPayload>()
                     .DistinctBy(p => (p.Event, p.Ticket.Id, p.MessageId)))
        {
            foreach (var hook in hooks.Where(h => h.Wants(payload.Event)))
            {
                db.Enqueue(OutboxType, JsonSerializer.Serialize(new WebhookJob(hook.Id, payload)), now);
                added = true;
            }
        }
        return added;
    }

    public static readonly string[] EventNames = ["ticket.created", "ticket.updated", "message.created", "ticket.merged"];

    private static WebhookPayload? ToPayload(IDomainEvent e, DateTime now) => e switch
    {
        TicketCreated c => new("ticket.created", now, Snapshot(c.Ticket), null, null, null),
        TicketChanged c => new("ticket.updated", now, Snapshot(c.Ticket), null, null, null),
        MessageAdded m => new("message.created", now, Snapshot(m.Ticket), m.Message.Id, Names.Of(m.Message.Kind), null),
        TicketMerged g => new("ticket.merged", now, Snapshot(g.Source), null, null, g.Target.Id),
        _ => null,
    };

    private static WebhookTicket Snapshot(Ticket t) =>
        new(t.Id, t.Subject, Names.Of(t.Status), Names.Of(t.Priority), t.CustomerId, t.AssigneeId, t.TeamId, t.Version);
}

/// <summary>
/// Active webhooks, cached briefly: every write asks, and the answer is almost always "none".
/// Changes invalidate at once on this node and, in cluster mode, on the others through the node bus
/// (without it a node would miss a new webhook's events for up to the cache period).
/// </summary>
public sealed class WebhookSubscriptions(TimeProvider clock, INodeBus bus)
{
    public const string Topic = "webhooks";

    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private (DateTime At, List<Webhook> Hooks)? _cache;

    public async Task<List<Webhook>> ActiveAsync(OtklikDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_cache is { } c && now - c.At < Ttl) return c.Hooks;
        var hooks = await db.Webhooks.AsNoTracking().Where(h => h.IsActive).ToListAsync(ct);
        _cache = (now, hooks);
        return hooks;
    }

    public void Invalidate()
    {
        _cache = null;
        _ = bus.PublishAsync(Topic, true);
    }

    /// <summary>Another node changed the webhooks.</summary>
    public void Forget() => _cache = null;
}
