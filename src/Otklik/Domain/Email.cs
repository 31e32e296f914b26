namespace Otklik.Domain;

public enum MailProtocol { None, Imap, Pop3 }

public enum MailSecurity { None, StartTls, Tls }

public enum InboundEmailStatus { Processed, Quarantined, Ignored }

/// <summary>
/// How an email inbox receives and sends mail. Inbound is IMAP or POP3 (or None when an MTA
/// pipes mail to the inbound endpoint); outbound is SMTP. Passwords and the pipe secret are
/// kept encrypted with Data Protection.
/// </summary>
public sealed class Mailbox
{
    /// <summary>A mailbox that can send: active, with SMTP settings. Replies, acknowledgments and chat follow-ups need one.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Mailbox, bool>> Sends = b => b.IsActive && b.SmtpHost != null;

    public long Id { get; set; }
    public long InboxId { get; set; }
    public Inbox? Inbox { get; set; }
    /// <summary>The support address customers write to and replies come from.</summary>
    public required string Address { get; set; }
    /// <summary>"Company" in "Agent name via Company"; the deployment's company name when empty.</summary>
    public string? SenderName { get; set; }

    public MailProtocol Protocol { get; set; }
    public string? InHost { get; set; }
    public int InPort { get; set; }
    public MailSecurity InSecurity { get; set; }
    public string? InUser { get; set; }
    public string? InPasswordProtected { get; set; }
    public string Folder { get; set; } = "INBOX";
    public bool UseIdle { get; set; } = true;
    public int PollSeconds { get; set; } = 60;

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; }
    public MailSecurity SmtpSecurity { get; set; }
    public string? SmtpUser { get; set; }
    public string? SmtpPasswordProtected { get; set; }
    /// <summary>IMAP folder that receives a copy of every reply sent; none when empty.</summary>
    public string? SentFolder { get; set; }
    /// <summary>For servers with self-signed certificates; off by default and shown as a warning.</summary>
    public bool AcceptInvalidCertificates { get; set; }

    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;
    public bool AutoAcknowledge { get; set; } = true;
    /// <summary>The answer time promised in the acknowledgment until the inbox has enough history to quote its real one.</summary>
    public int PromisedResponseHours { get; set; } = 24;
    /// <summary>Text of the acknowledgment; {ticket} and {response_time} are filled in.</summary>
    public string? AcknowledgeTemplate { get; set; }
    public required string PipeSecretProtected { get; set; }

    /// <summary>IMAP UIDVALIDITY of Folder when LastUid was recorded; a change means the UIDs restarted.</summary>
    public long UidValidity { get; set; }
    /// <summary>Highest UID stored; everything above it is fetched on the next pass (back-fill after outages).</summary>
    public long LastUid { get; set; }
    public DateTime? LastFetchAt { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Messages on the server not yet fetched, as of the last pass.</summary>
    public int Waiting { get; set; }
    /// <summary>The node that fetches this mailbox now; other nodes leave it alone until the lease ends.</summary>
    public string? LeasedBy { get; set; }
    public DateTime? LeasedUntil { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Every message that reached an email inbox, kept with its raw bytes (file store) whatever
/// became of it: a ticket message, quarantine (with the error) or ignored noise. Nothing
/// inbound is dropped without a row here; a second delivery of the same message is
/// recognised by DedupKey.
/// </summary>
public sealed class InboundEmail
{
    public long Id { get; set; }
    public long InboxId { get; set; }
    /// <summary>"imap", "pop3" or "pipe".</summary>
    public required string Source { get; set; }
    /// <summary>UIDVALIDITY:UID for IMAP, UIDL for POP3.</summary>
    public string? SourceUid { get; set; }
    public string? MessageIdHeader { get; set; }
    public required string DedupKey { get; set; }
    public required string RawSha256 { get; set; }
    public long Size { get; set; }
    public string? FromAddress { get; set; }
    public string? Subject { get; set; }
    public InboundEmailStatus Status { get; set; }
    public string? Error { get; set; }
    public long? TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public long? MessageId { get; set; }
    public Message? Message { get; set; }
    public int Attempts { get; set; } = 1;
    public DateTime ReceivedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
}

/// <summary>The email envelope of a ticket message, inbound or outbound.</summary>
public sealed class MessageEmail
{
    public long MessageId { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Cc { get; set; }
    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    public string? Spf { get; set; }
    public string? Dkim { get; set; }
    public string? Dmarc { get; set; }
    /// <summary>Why the agent should be careful (display name imitates us, refused files …).</summary>
    public string? Warning { get; set; }
    /// <summary>Why delivery failed, for an outbound message.</summary>
    public string? DeliveryError { get; set; }
}

/// <summary>A one-time link an agent sends so the customer can upload a file straight onto the ticket.</summary>
public sealed class UploadLink
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public required string TokenHash { get; set; }
    public long CreatedByAgentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
