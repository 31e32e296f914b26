namespace Otklik.Domain;

public sealed class Message
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public MessageKind Kind { get; set; }
    public AuthorKind AuthorKind { get; set; }
    public long? AuthorAgentId { get; set; }
    public Agent? AuthorAgent { get; set; }
    public long? AuthorCustomerId { get; set; }
    public Customer? AuthorCustomer { get; set; }
    public string BodyText { get; set; } = "";
    /// <summary>Already sanitised; rendered as-is in the workspace.</summary>
    public string? BodyHtml { get; set; }
    /// <summary>The channel's own id (an email Message-ID, a chat message id).</summary>
    public string? ExternalId { get; set; }
    public DeliveryStatus DeliveryStatus { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Attachment> Attachments { get; set; } = [];
    /// <summary>The envelope when the message came or went by email.</summary>
    public MessageEmail? Email { get; set; }
}

/// <summary>A file on a message. Uploaded first (MessageId empty, owned by the uploader), then attached when the message is sent.</summary>
public sealed class Attachment
{
    public long Id { get; set; }
    public long? MessageId { get; set; }
    public long? UploadedByAgentId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Content address (SHA-256, hex) in the file store.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Content-ID of an image shown inside an email's HTML ("cid:…"); such files are listed apart.</summary>
    public string? ContentId { get; set; }
    public bool IsInline { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class TimelineKinds
{
    public const string Created = "created";
    public const string FollowUp = "follow_up";
    public const string Changed = "changed";
    public const string MergedInto = "merged_into";
    public const string MergedFrom = "merged_from";
    public const string Linked = "linked";
    public const string Unlinked = "unlinked";
    public const string Participant = "participant";
    public const string DeliveryFailed = "delivery_failed";
    public const string NoticeSent = "notice_sent";
    public const string UploadLink = "upload_link";
    public const string FilesUploaded = "files_uploaded";
    public const string CallAttempt = "call_attempt";
    public const string ChatEnded = "chat_ended";
    public const string ChatTransferred = "chat_transferred";
    public const string ChatRouted = "chat_routed";
}

public sealed class TimelineEvent
{
    public long Id { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public DateTime At { get; set; }
    public required string Kind { get; set; }
    public AuthorKind ActorKind { get; set; }
    public long? ActorAgentId { get; set; }
    public long? ActorCustomerId { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Note { get; set; }
}

public sealed class TicketTag
{
    public long TicketId { get; set; }
    public required string Name { get; set; }

    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant().Replace(' ', '-');
}

public sealed class TicketParticipant
{
    public long TicketId { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
}

public sealed class TicketLink
{
    public long TicketId { get; set; }
    public long LinkedTicketId { get; set; }
    public Ticket? LinkedTicket { get; set; }
    public DateTime CreatedAt { get; set; }
    public long? CreatedByAgentId { get; set; }
}
