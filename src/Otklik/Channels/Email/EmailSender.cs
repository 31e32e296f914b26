using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;
using Otklik.Infrastructure;
using Otklik.Jobs;

namespace Otklik.Channels.Email;

/// <summary>
/// Sends an agent's reply by SMTP from the outbox, by the ticket's <see cref="ReplyRoutes">reply route</see>: to the customer, CC to the ticket's
/// participants, threaded under the conversation. A permanent refusal (5xx) marks the
/// message failed on the timeline at once; temporary trouble is retried with back-off and
/// marked failed when the outbox gives up.
/// </summary>
public sealed class EmailSender(OtklikDb db, MailConnections connections, FileStore files, IOptions<OtklikOptions> options,
    TimeProvider clock, ILogger<EmailSender> log) : IOutboxHandler, IOutboxGiveUp
{
    public string Type => EmailOutbox.SendType;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = JsonSerializer.Deserialize<EmailJob>(payload)!;
        var message = await db.Messages.AsTracking().Include(m => m.Attachments).Include(m => m.Email).Include(m => m.AuthorAgent)
            .FirstOrDefaultAsync(m => m.Id == job.MessageId, ct);
        if (message is not { DeliveryStatus: DeliveryStatus.Pending }) return; // sent already, or failed for good
        var ticket = await LoadTicketAsync(message.TicketId, ct);
        // Decided again now: the customer's email or the inbox's reply mailbox may have changed since the reply was queued.
        if (await ReplyRoutes.MailPathAsync(db, ticket, ct) is not { } path)
        {
            var route = await ReplyRoutes.DecideAsync(db, ticket, ct);
            await FailAsync(ticket, message, route.Problem == ReplyRoute.NoCustomerEmail ? "The customer has no email address." : "The ticket's inbox has no mailbox to send from.", ct);
            return;
        }
        var (mailbox, to) = (path.Mailbox, path.To.Value);
        var previous = await db.Messages.Include(m => m.Email)
            .Where(m => m.TicketId == ticket.Id && m.Id < message.Id && m.ExternalId != null && m.Kind != MessageKind.Note)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        var references = (previous?.Email?.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (previous?.ExternalId is { } parent) references.Add(parent);
        var cc = ticket.Participants.Select(p => p.Customer?.PrimaryEmail).OfType<string>()
            .Where(a => !a.Equals(to, StringComparison.OrdinalIgnoreCase) && !a.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(a => new MailAddress(a, null)).ToList();
        var from = new MailAddress(mailbox.Address, FromName(message.AuthorAgent?.Name, mailbox));
        var streams = message.Attachments.Select(a => (a, files.OpenRead(a.Sha256))).ToList();
        try
        {
            var mail = new OutboundMail(from, [new MailAddress(to, ticket.Customer!.Name)], cc, ReplySubject(ticket),
                message.ExternalId!, previous?.ExternalId, references, message.BodyText, message.BodyHtml,
                streams.Where(s => s.Item2 is not null).Select(s => new OutboundFile(s.a.FileName, s.a.ContentType, s.Item2!)).ToList(),
                TicketNumber: ticket.Id);
            var mime = OutboundMailBuilder.Build(mail, clock.GetUtcNow());
            try
            {
                using var smtp = await connections.SmtpAsync(mailbox, ct);
                await smtp.SendAsync(mime, ct);
                await smtp.DisconnectAsync(true, ct);
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
            {
                await FailAsync(ticket, message, $"The mail server refused the message: {(int)ex.StatusCode} {ex.Message}", ct);
                return;
            }
            message.DeliveryStatus = DeliveryStatus.Sent;
            message.Email ??= new MessageEmail();
            message.Email.From = InboundMail.Format([from]);
            message.Email.To = InboundMail.Format(mail.To);
            message.Email.Cc = InboundMail.Format(cc);
            message.Email.InReplyTo = previous?.ExternalId;
            message.Email.References = EmailIngestion.Cut(string.Join(' ', references), 4000);
            await db.SaveChangesAsync(ct);
            await CopyToSentAsync(mailbox, mime, ct);
        }
        finally
        {
            foreach (var (_, stream) in streams) stream?.Dispose();
        }
    }

    public async Task GiveUpAsync(string payload, string error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = JsonSerializer.Deserialize<EmailJob>(payload)!;
        var message = await db.Messages.AsTracking().Include(m => m.Email).FirstOrDefaultAsync(m => m.Id == job.MessageId, ct);
        if (message is not { DeliveryStatus: DeliveryStatus.Pending }) return;
        await FailAsync(await LoadTicketAsync(message.TicketId, ct), message, $"Not sent after {OutboxWorker.MaxAttempts} attempts: {error}", ct);
    }

    internal static string ReplySubject(Ticket ticket) => TicketToken.Add("Re: " + TicketToken.StripReplyPrefixes(ticket.Subject), ticket.Id);

    internal string FromName(string? agentName, Mailbox mailbox)
    {
        var company = string.IsNullOrWhiteSpace(mailbox.SenderName) ? options.Value.CompanyName : mailbox.SenderName;
        return string.IsNullOrWhiteSpace(agentName) ? company : $"{agentName} via {company}";
    }

    private async Task<Ticket> LoadTicketAsync(long id, CancellationToken ct) =>
        await db.Tickets.AsTracking().Include(t => t.Customer!).ThenInclude(c => c.Identities)
            .Include(t => t.Participants).ThenInclude(p => p.Customer!).ThenInclude(c => c.Identities)
            .AsSplitQuery().FirstAsync(t => t.Id == id, ct);

    private async Task FailAsync(Ticket ticket, Message message, string reason, CancellationToken ct)
    {
        ticket.MarkUndelivered(message, reason, clock.GetUtcNow().UtcDateTime);
        message.Email ??= new MessageEmail();
        message.Email.DeliveryError = EmailIngestion.Cut(reason, 2000);
        await db.SaveChangesAsync(ct);
        log.LogWarning("Email for message {MessageId} on ticket {TicketId} failed: {Reason}", message.Id, ticket.Id, reason);
    }

    /// <summary>Best effort: the reply is already sent, so a failing copy must not send it again.</summary>
    private async Task CopyToSentAsync(Mailbox mailbox, MimeKit.MimeMessage mime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(mailbox.SentFolder) || mailbox.Protocol != MailProtocol.Imap) return;
        try
        {
            using var imap = await connections.ImapAsync(mailbox, ct);
            var folder = await imap.GetFolderAsync(mailbox.SentFolder, ct);
            await folder.AppendAsync(mime, MessageFlags.Seen, ct);
            await imap.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Copy to the Sent folder of mailbox {Mailbox} failed: {Error}", mailbox.Id, MailConnections.Describe(ex));
        }
    }
}
