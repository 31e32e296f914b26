using System.Text.Json;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Jobs;

namespace Otklik.Channels.Chat;

public sealed record ChatTranscriptJob(long TicketId, long UpToMessageId);

/// <summary>
/// Mails the record of an ended chat to the customer, from the mailbox the widget names, when the customer's
/// email is known. Both sides' messages up to the end (never internal notes), times in the customer's time zone,
/// files by name. Threaded to the ticket by its number, so an answer to it lands on the same ticket.
/// </summary>
public sealed class ChatTranscript(OtklikDb db, MailConnections connections, EmailSender sender, IOptions<OtklikOptions> options,
    TimeProvider clock, ILogger<ChatTranscript> log) : IOutboxHandler
{
    public const string Type = "chat.transcript";
    public const string Field = "chat_transcript";

    string IOutboxHandler.Type => Type;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = JsonSerializer.Deserialize<ChatTranscriptJob>(payload)!;
        var ticket = await db.Tickets.AsTracking().Include(t => t.Customer!).ThenInclude(c => c.Identities).FirstOrDefaultAsync(t => t.Id == job.TicketId, ct);
        var to = ticket?.Customer?.PrimaryEmail;
        var mailbox = ticket is null ? null : await ChatFollowUp.MailboxAsync(db, ticket.InboxId, ct);
        if (ticket is null || to is null || mailbox is null) return; // nobody to write to, or nothing to write from
        var marker = "upTo:" + job.UpToMessageId;
        if (await db.TimelineEvents.AnyAsync(e => e.TicketId == ticket.Id && e.Kind == TimelineKinds.NoticeSent && e.Field == Field && e.Note == marker, ct))
            return; // sent already: a retry after the send but before the save

        var messages = await db.Messages.Include(m => m.AuthorAgent).Include(m => m.Attachments)
            .Where(m => m.TicketId == ticket.Id && m.Kind != MessageKind.Note && m.Id <= job.UpToMessageId).OrderBy(m => m.Id).ToListAsync(ct);
        if (messages.Count == 0) return;
        var customer = ticket.Customer!;
        var visitorLanguage = await db.ChatVisitors.Where(v => v.CustomerId == customer.Id).OrderByDescending(v => v.LastSeenAt)
            .Select(v => v.Language).FirstOrDefaultAsync(ct);
        var russian = (customer.Language ?? visitorLanguage ?? "ru").StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        var company = string.IsNullOrWhiteSpace(mailbox.SenderName) ? options.Value.CompanyName : mailbox.SenderName;
        var text = ChatTranscriptText.Body(company, ticket.Id, messages.Select(ChatTranscriptText.LineOf).ToList(),
            ChatTranscriptText.Zone(customer.TimeZone), russian);
        var domain = mailbox.Address[(mailbox.Address.IndexOf('@') + 1)..];
        var mail = new OutboundMail(new MailAddress(mailbox.Address, sender.FromName(null, mailbox)), [new MailAddress(to, customer.Name)], [],
            ChatTranscriptText.Subject(ticket.Id, russian), OutboundMailBuilder.NewMessageId(domain), null, [], text, null, [],
            Automatic: true, TicketNumber: ticket.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            using var smtp = await connections.SmtpAsync(mailbox, ct);
            await smtp.SendAsync(OutboundMailBuilder.Build(mail, clock.GetUtcNow()), ct);
            await smtp.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            log.LogWarning("Chat transcript for ticket {TicketId} refused: {Error}", ticket.Id, ex.Message);
            ticket.Record(Actor.System, now, TimelineKinds.NoticeSent, Field, null, "refused", EmailIngestion.Cut(ex.Message, 500));
            await db.SaveChangesAsync(ct);
            return;
        }
        ticket.Record(Actor.System, now, TimelineKinds.NoticeSent, Field, null, to, marker);
        await db.SaveChangesAsync(ct);
    }
}
