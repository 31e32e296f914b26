using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Jobs;

namespace Otklik.Channels.Chat;

/// <summary>
/// An agent's chat reply the widget never confirmed: the visitor closed the page. When the
/// widget names an email inbox with SMTP and the visitor gave an email, the reply goes through
/// the email outbox (threaded, with the ticket token, so the customer's answer comes back to
/// the same ticket). Otherwise it waits in the widget for the visitor's return.
/// </summary>
public sealed class ChatFollowUp(OtklikDb db, VisitorPresence visitors, TimeProvider clock) : IOutboxHandler
{
    public string Type => ChatOutbox.FollowUpType;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = JsonSerializer.Deserialize<ChatFollowUpJob>(payload)!;
        var message = await db.Messages.AsTracking().FirstOrDefaultAsync(m => m.Id == job.MessageId, ct);
        if (message is not { Kind: MessageKind.Outbound, DeliveryStatus: DeliveryStatus.Sent }) return; // seen, or already on its way by email
        var visitor = await db.ChatVisitors.FirstOrDefaultAsync(v => v.TicketId == message.TicketId, ct)
                      ?? await db.ChatVisitors.Where(v => db.Tickets.Any(t => t.Id == message.TicketId && t.CustomerId == v.CustomerId))
                          .OrderByDescending(v => v.LastSeenAt).FirstOrDefaultAsync(ct);
        // Still there with this conversation open: the widget shows it. After the chat ended the widget does not, so it goes by email.
        if (visitor is not null && visitor.TicketId == message.TicketId && visitors.IsConnected(visitor.Id)) return;
        var ticket = await db.Tickets.AsTracking().Include(t => t.Customer!).ThenInclude(c => c.Identities).FirstAsync(t => t.Id == message.TicketId, ct);
        if (await ReplyRoutes.MailPathAsync(db, ticket, ct) is not { } path) return;
        var (mailbox, email) = (path.Mailbox, path.To.Value);

        var now = clock.GetUtcNow().UtcDateTime;
        message.DeliveryStatus = DeliveryStatus.Pending;
        message.ExternalId ??= EmailOutbox.NewMessageId(ticket.Id, mailbox.Address);
        db.Enqueue(EmailOutbox.SendType, JsonSerializer.Serialize(new EmailJob(message.Id)), now);
        ticket.Record(Actor.System, now, TimelineKinds.NoticeSent, "chat_by_email", null, email);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The mailbox that writes for a chat inbox: the one of the email inbox its widget names.</summary>
    public static Task<Mailbox?> MailboxAsync(OtklikDb db, long? chatInboxId, CancellationToken ct) =>
        db.Mailboxes.AsTracking()
            .Where(Mailbox.Sends).Where(b => db.ChatWidgets.Any(w => w.InboxId == chatInboxId && w.EmailInboxId == b.InboxId))
            .FirstOrDefaultAsync(ct);
}
