using System.Text.Json;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Jobs;

namespace Otklik.Channels.Email;

/// <summary>
/// Automatic mail to the customer: the acknowledgment of a new ticket (its number and when
/// to expect an answer) and the notice that attached files were refused. Marked
/// Auto-Submitted so that other robots do not answer it; recorded on the ticket timeline.
/// </summary>
public sealed class Notices(OtklikDb db, MailConnections connections, ResponseTimePromise promise, EmailSender sender,
    TimeProvider clock, ILogger<Notices> log) : IOutboxHandler
{
    public const string Acknowledgment = "acknowledgment";
    public const string FilesRefused = "files_refused";

    public string Type => EmailOutbox.NoticeType;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = JsonSerializer.Deserialize<NoticeJob>(payload)!;
        var ticket = await db.Tickets.AsTracking().Include(t => t.Customer!).ThenInclude(c => c.Identities).FirstOrDefaultAsync(t => t.Id == job.TicketId, ct);
        var first = await db.Messages.FirstOrDefaultAsync(m => m.Id == job.MessageId, ct);
        // A form-only inbox acknowledges through the reply mailbox it names, like its replies.
        var mailbox = ticket is null ? null : await ReplyRoutes.SendingMailboxAsync(db, ticket.InboxId, ct);
        var to = ticket?.Customer?.PrimaryEmail;
        if (ticket is null || mailbox?.SmtpHost is null || to is null) return; // nothing to send, or nowhere to send it from
        if (job.Kind == Acknowledgment && await AlreadySentAsync(ticket.Id, ct)) return;

        var russian = ticket.Customer!.Language?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true
                      || (ticket.Customer.Language is null && ticket.Subject.Any(c => c is >= 'А' and <= 'я'));
        var text = job.Kind == Acknowledgment
            ? NoticeTexts.Acknowledgment(mailbox.AcknowledgeTemplate, ticket.Id, await promise.DescribeAsync(mailbox, russian, ct), russian)
            : NoticeTexts.FilesRefused(job.Files ?? [], ticket.Id, russian);
        var mail = new OutboundMail(new MailAddress(mailbox.Address, sender.FromName(null, mailbox)), [new MailAddress(to, ticket.Customer.Name)], [],
            EmailSender.ReplySubject(ticket), OutboundMailBuilder.NewMessageId(mailbox.Address[(mailbox.Address.IndexOf('@') + 1)..]),
            first?.ExternalId, first?.ExternalId is { } id ? [id] : [], text, null, [], Automatic: true, TicketNumber: ticket.Id);
        try
        {
            using var smtp = await connections.SmtpAsync(mailbox, ct);
            await smtp.SendAsync(OutboundMailBuilder.Build(mail, clock.GetUtcNow()), ct);
            await smtp.DisconnectAsync(true, ct);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            // A refused notice is not worth retrying: note it for the agent and stop.
            log.LogWarning("Notice {Kind} for ticket {TicketId} refused: {Error}", job.Kind, ticket.Id, ex.Message);
            ticket.Record(Actor.System, clock.GetUtcNow().UtcDateTime, TimelineKinds.NoticeSent, job.Kind, null, "refused", EmailIngestion.Cut(ex.Message, 500));
            await db.SaveChangesAsync(ct);
            return;
        }
        ticket.Record(Actor.System, clock.GetUtcNow().UtcDateTime, TimelineKinds.NoticeSent, job.Kind, null, to);
        await db.SaveChangesAsync(ct);
    }

    private Task<bool> AlreadySentAsync(long ticketId, CancellationToken ct) =>
        db.TimelineEvents.AnyAsync(e => e.TicketId == ticketId && e.Kind == TimelineKinds.NoticeSent && e.Field == Acknowledgment && e.NewValue != "refused", ct);
}
