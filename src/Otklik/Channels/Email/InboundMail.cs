using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Customers;
using Otklik.Features.Tickets;
using Otklik.Files;
using Otklik.Infrastructure;

namespace Otklik.Channels.Email;

/// <summary>
/// The helpdesk rules for one parsed inbound email: bounces mark what we sent as failed,
/// mail loops are cut, everything else becomes a customer message on the right ticket
/// (existing thread or a new ticket) with its files, CC'd people as participants and, for
/// a new ticket from a person, an acknowledgment.
/// </summary>
public sealed class InboundMail(OtklikDb db, FileStore files, HtmlCleaner html, AgentNames agents, IOptions<OtklikOptions> options, TimeProvider clock)
{
    /// <summary>More mail than this from one sender within an hour is a loop, not a conversation.</summary>
    public const int LoopLimitPerHour = 30;
    /// <summary>Auto-replies are cut much earlier: two robots answering each other.</summary>
    public const int AutoReplyLimitPerHour = 5;
    private const int MaxParticipants = 20;

    public async Task ApplyAsync(Mailbox mailbox, ParsedEmail mail, InboundEmail record, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (mail.Noise == MailNoise.Bounce)
        {
            await ApplyBounceAsync(mail, record, now, ct);
            return;
        }
        if (mail.From?.Address is not { Length: > 0 } from || !from.Contains('@'))
            throw new UnusableMailException(new MailWarning(LedgerTexts.NoSender, []));
        if (IsOwnAddress(mailbox, from))
        {
            Ignore(record, new MailWarning(LedgerTexts.OwnAddress, []));
            return;
        }
        if (await LoopReasonAsync(mailbox, mail, from, now, ct) is { } loop)
        {
            Ignore(record, loop);
            return;
        }

        var customer = await CustomerDirectory.FindOrCreateByEmailAsync(db, from, mail.From.Name, now, ct, verified: true);
        var existing = await EmailThreading.FindTicketAsync(db, mailbox.InboxId, mail, ct);
        var (text, safeHtml) = Bodies(mail);
        var warnings = new List<MailWarning>();
        if (Impersonation.Check(mail.From, SenderName(mailbox), await agents.GetAsync(db, ct), OwnDomains(mailbox)) is { } imitation)
            warnings.Add(imitation);

        Ticket ticket;
        Message message;
        if (existing is not null && mail.Noise == MailNoise.AutoReply)
        {
            // An out-of-office answer to our reply is news for the agent, not a customer reply: it must not reopen the ticket.
            ticket = existing;
            message = ticket.AddMessage(MessageKind.Note, Actor.System, text, safeHtml, now);
        }
        else if (existing is not null)
        {
            (ticket, message) = CustomerReplies.Receive(db, existing, customer, text, safeHtml, now);
        }
        else
        {
            var subject = string.IsNullOrWhiteSpace(mail.Subject) ? "(no subject)" : EmailIngestion.Cut(mail.Subject.Trim(), TicketLimits.Subject)!;
            ticket = Ticket.Open(subject, customer, ChannelKind.Email, mailbox.InboxId, Actor.OfCustomer(customer.Id), now);
            message = ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), text, safeHtml, now);
            message.AuthorCustomer = customer;
            if (mail.Noise != MailNoise.None) ticket.SetTags([mail.Noise == MailNoise.Bulk ? "bulk-mail" : "auto-reply"], Actor.System, now);
            if (mailbox.Inbox?.DefaultTeamId is { } teamId && await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct) is { } team)
                ticket.MoveToTeam(team, Actor.System, now);
            db.Tickets.Add(ticket);
            if (mail.Noise == MailNoise.None && mailbox.AutoAcknowledge) ticket.RequestAcknowledgment(message);
        }

        message.ExternalId = EmailIngestion.Cut(mail.MessageId, 998);
        warnings.AddRange(await AttachAsync(mailbox, mail, message, now, ct));
        message.Email = Envelope(mail, warnings);
        await AddParticipantsAsync(mailbox, mail, ticket, customer, now, ct);
        record.Status = InboundEmailStatus.Processed;
        record.Ticket = ticket;
        record.Message = message;
    }

    private async Task ApplyBounceAsync(ParsedEmail mail, InboundEmail record, DateTime now, CancellationToken ct)
    {
        var original = mail.Bounce?.OriginalMessageId;
        var sent = original is null ? null : await db.Messages.AsTracking().Include(m => m.Email)
            .Where(m => m.ExternalId == original && m.Kind == MessageKind.Outbound).FirstOrDefaultAsync(ct);
        if (sent is null)
        {
            Ignore(record, new MailWarning(LedgerTexts.UnknownBounce, [original ?? ""]));
            return;
        }
        var ticket = await db.Tickets.AsTracking().FirstAsync(t => t.Id == sent.TicketId, ct);
        var action = mail.Bounce!.Action;
        if (!action.Equals("failed", StringComparison.OrdinalIgnoreCase))
        {
            Ignore(record, new MailWarning(LedgerTexts.Report, [action, sent.Id.ToString()]));
            record.Ticket = ticket;
            return;
        }
        var reason = string.Join(" — ", new[] { mail.Bounce.Recipient, mail.Bounce.Status, mail.Bounce.Diagnostic }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (reason.Length == 0) reason = "The receiving mail server refused the message.";
        ticket.MarkUndelivered(sent, reason, now);
        sent.Email ??= new MessageEmail();
        sent.Email.DeliveryError = EmailIngestion.Cut(reason, 2000);
        Ignore(record, new MailWarning(LedgerTexts.Bounced, [sent.Id.ToString(), ticket.Id.ToString()]));
        record.Ticket = ticket;
        record.Message = sent;
    }

    private async Task<MailWarning?> LoopReasonAsync(Mailbox mailbox, ParsedEmail mail, string from, DateTime now, CancellationToken ct)
    {
        var hourAgo = now.AddHours(-1);
        var address = from.ToLowerInvariant();
        // Stored lower-case, so the (inbox, from, received) index answers this.
        var recent = await db.InboundEmails.CountAsync(x => x.InboxId == mailbox.InboxId && x.FromAddress == address && x.ReceivedAt >= hourAgo, ct);
        var limit = mail.Noise == MailNoise.AutoReply ? AutoReplyLimitPerHour : LoopLimitPerHour;
        return recent >= limit ? new MailWarning(LedgerTexts.Loop, [recent.ToString(), from, limit.ToString()]) : null;
    }

    private async Task<IEnumerable<MailWarning>> AttachAsync(Mailbox mailbox, ParsedEmail mail, Message message, DateTime now, CancellationToken ct)
    {
        var refused = new List<RefusedFile>();
        foreach (var part in mail.Attachments)
        {
            if (part.Content.LongLength > mailbox.MaxAttachmentBytes)
            {
                refused.Add(new RefusedFile(part.FileName, part.Content.LongLength, mailbox.MaxAttachmentBytes));
                continue;
            }
            var (sha, size) = await files.SaveAsync(part.Content, ct);
            message.Attachments.Add(new Attachment
            {
                FileName = EmailIngestion.Cut(part.FileName, 255)!, ContentType = EmailIngestion.Cut(part.ContentType, 100)!,
                Size = size, Sha256 = sha, ContentId = part.ContentId, IsInline = part.IsInline, CreatedAt = now,
            });
        }
        if (refused.Count > 0 && message.Ticket is { } ticket) ticket.RefuseAttachments(message, refused);
        return refused.Select(MailWarning.Of);
    }

    private async Task AddParticipantsAsync(Mailbox mailbox, ParsedEmail mail, Ticket ticket, Customer sender, DateTime now, CancellationToken ct)
    {
        var addresses = mail.To.Concat(mail.Cc)
            .Where(a => a.Address.Contains('@') && !IsOwnAddress(mailbox, a.Address))
            .DistinctBy(a => a.Address.ToLowerInvariant()).Take(MaxParticipants);
        foreach (var address in addresses)
        {
            var person = await CustomerDirectory.FindOrCreateByEmailAsync(db, address.Address, address.Name, now, ct);
            if (person == ticket.Customer || (person.Id != 0 && person.Id == ticket.CustomerId)) continue;
            if (ticket.Participants.Any(p => p.Customer == person || (person.Id != 0 && p.CustomerId == person.Id))) continue;
            ticket.Participants.Add(new TicketParticipant { Customer = person });
        }
        // Someone CC'd earlier who now writes in is a participant too.
        if (sender != ticket.Customer && sender.Id != ticket.CustomerId && !ticket.Participants.Any(p => p.Customer == sender || (sender.Id != 0 && p.CustomerId == sender.Id)))
            ticket.Participants.Add(new TicketParticipant { Customer = sender });
    }

    private (string Text, string? Html) Bodies(ParsedEmail mail)
    {
        var safe = string.IsNullOrWhiteSpace(mail.Html) ? null : html.Clean(mail.Html);
        var text = string.IsNullOrWhiteSpace(mail.Text) && safe is not null ? HtmlCleaner.ToText(safe) : mail.Text;
        return (EmailIngestion.Cut(text.Replace("\0", ""), TicketLimits.Body)!, EmailIngestion.Cut(safe, TicketLimits.Body));
    }

    private static MessageEmail Envelope(ParsedEmail mail, List<MailWarning> warnings) => new()
    {
        From = Format(mail.From is null ? [] : [mail.From]),
        To = Format(mail.To),
        Cc = Format(mail.Cc),
        InReplyTo = EmailIngestion.Cut(mail.InReplyTo, 998),
        References = EmailIngestion.Cut(string.Join(' ', mail.References), 4000),
        Spf = EmailIngestion.Cut(mail.Auth.Spf, 20), Dkim = EmailIngestion.Cut(mail.Auth.Dkim, 20), Dmarc = EmailIngestion.Cut(mail.Auth.Dmarc, 20),
        Warning = MailWarning.Store(warnings),
    };

    internal static string? Format(IEnumerable<MailAddress> addresses)
    {
        var text = string.Join(", ", addresses.Select(a => string.IsNullOrWhiteSpace(a.Name) ? a.Address : $"{a.Name} <{a.Address}>"));
        return text.Length == 0 ? null : EmailIngestion.Cut(text, 4000);
    }

    private static void Ignore(InboundEmail record, MailWarning reason)
    {
        record.Status = InboundEmailStatus.Ignored;
        record.Error = MailWarning.Store([reason]);
    }

    private static bool IsOwnAddress(Mailbox mailbox, string address) => address.Equals(mailbox.Address, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> OwnDomains(Mailbox mailbox) => [mailbox.Address[(mailbox.Address.IndexOf('@') + 1)..]];

    private string SenderName(Mailbox mailbox) => string.IsNullOrWhiteSpace(mailbox.SenderName) ? options.Value.CompanyName : mailbox.SenderName;
}
