namespace Otklik.Channels.Email;

/// <summary>A mailbox with its display name, as written in From/To/Cc.</summary>
public sealed record MailAddress(string Address, string? Name);

/// <summary>Mail that must not be treated as a person writing to support.</summary>
public enum MailNoise { None, AutoReply, Bulk, Bounce }

/// <summary>SPF/DKIM/DMARC results as the receiving server wrote them in Authentication-Results ("pass", "fail", "softfail", "none", …); null when absent.</summary>
public sealed record AuthVerdicts(string? Spf, string? Dkim, string? Dmarc)
{
    public static readonly AuthVerdicts Unknown = new(null, null, null);
}

/// <summary>What a delivery status notification says about a message we sent.</summary>
/// <param name="OriginalMessageId">Message-ID of the message that bounced, without angle brackets.</param>
/// <param name="Action">"failed", "delayed", "delivered", "relayed" or "expanded" (RFC 3464).</param>
public sealed record DeliveryReport(string? OriginalMessageId, string? Recipient, string Action, string? Status, string? Diagnostic);

/// <summary>A file carried by the mail. Inline parts keep their Content-ID so the HTML can show them in place.</summary>
public sealed record ParsedAttachment(string FileName, string ContentType, byte[] Content, string? ContentId, bool IsInline);

/// <summary>
/// Everything the helpdesk needs from one inbound message, decoded to .NET strings.
/// Html is the decoded but NOT yet sanitised HTML body (the ingestion sanitises it).
/// Message ids are without angle brackets. Warnings list problems that were worked
/// around (unknown charset, truncated multipart …) and never stop ingestion.
/// </summary>
public sealed record ParsedEmail(
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    MailAddress? From,
    MailAddress? ReplyTo,
    IReadOnlyList<MailAddress> To,
    IReadOnlyList<MailAddress> Cc,
    string Subject,
    DateTimeOffset? Date,
    string Text,
    string? Html,
    IReadOnlyList<ParsedAttachment> Attachments,
    MailNoise Noise,
    DeliveryReport? Bounce,
    AuthVerdicts Auth,
    IReadOnlyList<string> Warnings);
