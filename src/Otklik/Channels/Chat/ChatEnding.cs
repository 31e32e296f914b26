using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Jobs;

namespace Otklik.Channels.Chat;

/// <summary>
/// Ends a live chat, by the agent or by the visitor: the visitor is let go of the ticket (their next message
/// opens a new conversation), the timeline records who ended it, a transcript is queued for the customer's
/// email in the same transaction, and the open widgets are told at once.
/// </summary>
public sealed class ChatEnding(OtklikDb db, IHubContext<VisitorHub> hub, TimeProvider clock)
{
    public async Task<Result<bool>> EndAsync(long ticketId, Actor actor, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new Error.NotFound($"Ticket {ticketId}");
        var visitors = await db.ChatVisitors.AsTracking().Where(v => v.TicketId == ticketId).ToListAsync(ct);
        if (ticket.Channel != ChannelKind.Chat || visitors.Count == 0)
            return new Error.Conflict("chat_not_active", "This ticket has no live chat: it has ended already or never was one.");

        var now = clock.GetUtcNow().UtcDateTime;
        var by = actor.Kind == AuthorKind.Customer ? "visitor" : "agent";
        foreach (var v in visitors) v.TicketId = null;
        ticket.EndChat(actor, by, now);
        var upTo = await db.Messages.Where(m => m.TicketId == ticketId).MaxAsync(m => (long?)m.Id, ct) ?? 0;
        db.Enqueue(ChatTranscript.Type, JsonSerializer.Serialize(new ChatTranscriptJob(ticketId, upTo)), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error.Conflict("chat_not_active", "The chat was ended or changed by someone else a moment ago. Reload.");
        }
        foreach (var v in visitors)
            await hub.Clients.Group(VisitorHub.Group(v.PublicId)).SendAsync("ended", by, ct);
        return true;
    }
}
