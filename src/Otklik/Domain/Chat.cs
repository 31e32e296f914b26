namespace Otklik.Domain;

/// <summary>Whether the widget asks the visitor for a contact detail before the chat starts.</summary>
public enum FieldRequirement { Off, Optional, Required }

/// <summary>
/// How a widget's new chats find an agent: <c>Manual</c> waits in the queue until someone accepts; <c>Auto</c> offers it at
/// once to the least loaded online agent who may take it. Stored as a number: widgets made before routing existed read 0, manual.
/// </summary>
public enum ChatRoutingMode { Manual = 0, Auto = 1 }

/// <summary>
/// The chat widget of a chat inbox: the public key the embed snippet carries, the sites allowed
/// to embed it, the pre-chat form and the promises it makes.
/// </summary>
public sealed class ChatWidget
{
    public long Id { get; set; }
    public long InboxId { get; set; }
    public Inbox? Inbox { get; set; }
    /// <summary>Public, not a secret: it names the inbox in the snippet. The allowed origins are the guard.</summary>
    public required string PublicKey { get; set; }
    /// <summary>Origins ("https://shop.example") allowed to embed the widget, one per line. Empty: none.</summary>
    public string AllowedOrigins { get; set; } = "";
    public FieldRequirement AskName { get; set; } = FieldRequirement.Off;
    public FieldRequirement AskEmail { get; set; } = FieldRequirement.Off;
    public FieldRequirement AskPhone { get; set; } = FieldRequirement.Off;
    /// <summary>The first-answer time promised while agents are online, until the inbox has history of its own.</summary>
    public int OnlineReplyMinutes { get; set; } = 2;
    /// <summary>The answer time promised when nobody is online.</summary>
    public int OfflineReplyHours { get; set; } = 24;
    /// <summary>An email inbox whose mailbox writes to visitors who left (replies, transcripts); none when null.</summary>
    public long? EmailInboxId { get; set; }
    public ChatRoutingMode Routing { get; set; } = ChatRoutingMode.Auto;
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Exact scheme + host + port match; "null" (sandboxed frames, files) never matches.</summary>
    public bool Allows(string origin) =>
        origin != "null" && Origins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Someone who opened the widget: a customer with a chat-visitor identity, the conversation
/// they have open now, and what the agent should know about where they are.
/// </summary>
public sealed class ChatVisitor
{
    public long Id { get; set; }
    /// <summary>Random; carried in the signed visitor token and the customer identity.</summary>
    public required string PublicId { get; set; }
    public long InboxId { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    /// <summary>The open conversation; null before the first message and after the chat ended.</summary>
    public long? TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public string? PageUrl { get; set; }
    public string? Referrer { get; set; }
    public string? UserAgent { get; set; }
    public string? Language { get; set; }
    /// <summary>The last message an agent has seen; the widget shows the visitor's messages up to it as read.</summary>
    public long AgentReadUpTo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

/// <summary>The widget's own id of a visitor message: a retry with the same id finds the stored message instead of adding another.</summary>
public sealed class ChatMessageRef
{
    public long VisitorId { get; set; }
    public required string ClientId { get; set; }
    public long MessageId { get; set; }
    public Message? Message { get; set; }
}
