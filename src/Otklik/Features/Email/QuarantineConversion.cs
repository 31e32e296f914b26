using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Customers;
using Otklik.Files;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Email;

/// <summary>
/// Turns a quarantined or ignored message into a ticket by hand: whatever could be read of
/// it, and the original .eml attached so the agent loses nothing.
/// </summary>
public sealed class QuarantineConversion(OtklikDb db, FileStore files, HtmlCleaner html, TimeProvider clock)
{
    public async Task<Result<long>> ConvertAsync(long id, string? customerEmail, Caller caller, CancellationToken ct)
    {
        var row = await db.InboundEmails.AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return new Error.NotFound($"Inbound email {id}");
        if (row.Status == InboundEmailStatus.Processed && row.MessageId is not null)
            return new Error.Conflict("already_processed", $"Inbound email {id} is already on ticket #{row.TicketId}.");
        var raw = await files.ReadAllAsync(row.RawSha256, ct) ?? [];
        ParsedEmail? parsed = null;
        try { parsed = raw.Length > 0 ? InboundMailParser.Parse(raw) : null; } catch (Exception) { /* convert what we can: the raw file goes along */ }
        var email = customerEmail ?? parsed?.From?.Address ?? row.FromAddress;
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(email)) v.Add("customerEmail", Validation.Say("The sender is unknown: give 'customerEmail', the customer this ticket is for.", "Отправитель неизвестен: укажите email клиента, для которого создаётся обращение."));
        v.Email("customerEmail", email);
        if (!v.IsValid) return v.ToError();

        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await CustomerDirectory.FindOrCreateByEmailAsync(db, email!, parsed?.From?.Name, now, ct);
        var subject = parsed?.Subject is { Length: > 0 } s ? s : row.Subject is { Length: > 0 } rs ? rs : $"Email #{id} from quarantine";
        var ticket = Ticket.Open(EmailIngestion.Cut(subject, TicketLimits.Subject)!, customer, ChannelKind.Email, row.InboxId, caller.Actor, now);
        var text = parsed?.Text is { Length: > 0 } t ? t : "This email could not be read automatically; the original message is attached.";
        var message = ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), EmailIngestion.Cut(text, TicketLimits.Body)!,
            parsed?.Html is { Length: > 0 } h ? html.Clean(h) : null, now);
        message.AuthorCustomer = customer;
        message.ExternalId = EmailIngestion.Cut(parsed?.MessageId ?? row.MessageIdHeader, 998);
        message.Attachments.Add(new Attachment
        {
            FileName = $"original-{id}.eml", ContentType = "message/rfc822", Size = row.Size, Sha256 = row.RawSha256, CreatedAt = now,
        });
        db.Tickets.Add(ticket);
        row.Status = InboundEmailStatus.Processed;
        row.Error = MailWarning.Store([new MailWarning(LedgerTexts.Converted, [caller.AgentId.ToString(), row.Error ?? ""])]);
        row.Ticket = ticket;
        row.Message = message;
        row.ProcessedAt = now;
        await db.SaveChangesAsync(ct);
        return ticket.Id;
    }
}
