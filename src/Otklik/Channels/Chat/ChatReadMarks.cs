using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Realtime;

namespace Otklik.Channels.Chat;

/// <summary>
/// "Read" marks on the visitor's messages: an agent with the conversation open has seen
/// everything in it. Also carries the agent's "typing…" to the widget. Both follow the
/// workspace's ticket presence (who has a ticket open, who is replying); only changes made on this
/// node, so in a cluster one node writes the mark and tells the visitor (through the backplane).
/// </summary>
public sealed class ChatReadMarks(TicketPresence presence, IHubContext<VisitorHub> hub, IServiceScopeFactory scopes, ILogger<ChatReadMarks> log)
    : IHostedService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _typingShown = new();

    public Task StartAsync(CancellationToken ct)
    {
        presence.ChangedHere += OnPresenceChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        presence.ChangedHere -= OnPresenceChanged;
        return Task.CompletedTask;
    }

    private void OnPresenceChanged(long ticketId) => _ = Task.Run(async () =>
    {
        try
        {
            await MarkIfWatchedAsync(ticketId, CancellationToken.None);
            await TypingAsync(ticketId);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Chat read mark or typing for ticket {Ticket} failed", ticketId);
        }
    });

    /// <summary>When an agent has the ticket open, the visitor's messages so far are read.</summary>
    public async Task MarkIfWatchedAsync(long ticketId, CancellationToken ct)
    {
        if (presence.Of(ticketId).Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var visitors = await db.ChatVisitors.AsTracking().Where(v => v.TicketId == ticketId).ToListAsync(ct);
        if (visitors.Count == 0) return;
        var last = await db.Messages.Where(m => m.TicketId == ticketId && m.Kind == MessageKind.Inbound).MaxAsync(m => (long?)m.Id, ct) ?? 0;
        var behind = visitors.Where(v => v.AgentReadUpTo < last).ToList();
        if (behind.Count == 0) return;
        behind.ForEach(v => v.AgentReadUpTo = last);
        await db.SaveChangesAsync(ct);
        foreach (var v in behind) await hub.Clients.Group(VisitorHub.Group(v.PublicId)).SendAsync("read", last, ct);
    }

    /// <summary>Sends "typing" with the agent's first name when someone starts replying, and its end when nobody is.</summary>
    private async Task TypingAsync(long ticketId)
    {
        var replying = presence.Of(ticketId).FirstOrDefault(v => v.IsReplying);
        var name = replying is null ? "" : Names.FirstName(replying.Name) ?? "";
        var shown = _typingShown.GetValueOrDefault(ticketId, "");
        if (name == shown) return;
        if (name.Length == 0) _typingShown.TryRemove(ticketId, out _); else _typingShown[ticketId] = name;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        await (await VisitorHub.WidgetsOfTicketAsync(hub, db, ticketId, CancellationToken.None)).SendAsync("typing", name.Length > 0, name);
    }
}
