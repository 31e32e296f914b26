using Microsoft.AspNetCore.SignalR;
using Otklik.Domain;
using Otklik.Events;

namespace Otklik.Realtime;

/// <summary>Pushes ticket changes to open workspaces (Blazor circuits) and to hub clients.</summary>
public sealed class RealtimeListener(LiveFeed feed, IHubContext<WorkspaceHub> hub) : IDomainEventListener
{
    public async Task HandleAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var live = new List<LiveEvent>();
        foreach (var e in events)
        {
            switch (e)
            {
                case TicketCreated c: live.Add(Of("ticket.created", c.Ticket)); break;
                case MessageAdded m: live.Add(Of("message.added", m.Ticket, m.Message.Id, m.Message.AuthorAgentId)); break;
                case TicketMerged g: live.Add(Of("ticket.merged", g.Source)); live.Add(Of("ticket.changed", g.Target)); break;
                case TicketChanged t: live.Add(Of("ticket.changed", t.Ticket)); break;
            }
        }
        // Several changes of one ticket in one save reach the browser once.
        foreach (var e in live.DistinctBy(e => (e.Kind, e.TicketId, e.MessageId)))
        {
            await feed.PublishAsync(e);
            await hub.Clients.Group(WorkspaceHub.AgentsGroup).SendAsync("ticket", e, ct);
            await hub.Clients.Group(WorkspaceHub.TicketGroup(e.TicketId)).SendAsync("ticket", e, ct);
        }
    }

    private static LiveEvent Of(string kind, Ticket t, long? messageId = null, long? actor = null) =>
        new(kind, t.Id, Names.Of(t.Status), t.AssigneeId, t.TeamId, messageId, actor);
}
