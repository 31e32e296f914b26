using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Events;
using Otklik.Realtime;

namespace Otklik.Channels.Chat;

/// <summary>
/// After commit, pushes every public message of a chat conversation to the visitor's widgets
/// (an agent's reply, and the visitor's own message to their other tabs). A visitor who is not
/// connected loads the conversation when the widget opens; <see cref="ChatOutbox"/> makes sure a
/// reply to a visitor who left is not left unread.
/// </summary>
public sealed class ChatRelay(IHubContext<VisitorHub> hub, IServiceScopeFactory scopes, ChatReadMarks reads) : IDomainEventListener
{
    public async Task HandleAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events.OfType<MessageAdded>())
        {
            if (e.Ticket.Channel != ChannelKind.Chat || e.Message.Kind == MessageKind.Note) continue;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            var visitors = await db.ChatVisitors.Where(v => v.TicketId == e.Ticket.Id).Select(v => new { v.Id, v.PublicId }).ToListAsync(ct);
            if (visitors.Count == 0) continue;
            var message = await db.Messages.Include(m => m.AuthorAgent).Include(m => m.Attachments).FirstAsync(m => m.Id == e.Message.Id, ct);
            var clientId = await db.ChatMessageRefs.Where(r => r.MessageId == message.Id).Select(r => r.ClientId).FirstOrDefaultAsync(ct);
            foreach (var v in visitors)
                await hub.Clients.Group(VisitorHub.Group(v.PublicId)).SendAsync("message", WidgetMessage.Of(message, clientId), ct);
            if (message.Kind == MessageKind.Inbound) await reads.MarkIfWatchedAsync(e.Ticket.Id, ct);
        }
    }
}
