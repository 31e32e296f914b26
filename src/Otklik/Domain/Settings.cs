namespace Otklik.Domain;

public sealed class Inbox
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public ChannelKind Channel { get; set; }
    /// <summary>The public address of the inbox: a mailbox, a phone number, a site.</summary>
    public string? Address { get; set; }
    public long? DefaultTeamId { get; set; }
    /// <summary>
    /// For an inbox without a mailbox of its own (web form, phone): the email inbox whose mailbox sends its
    /// public replies, so a customer with a known email can always be answered.
    /// </summary>
    public long? ReplyInboxId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

public sealed class Tag
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Color { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class CustomFieldDefinition
{
    public long Id { get; set; }
    /// <summary>Stable machine key used in the API ("order_number").</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    public CustomFieldType Type { get; set; }
    /// <summary>Allowed values of a dropdown, as a JSON array of strings.</summary>
    public string Options { get; set; } = "[]";
    public bool IsActive { get; set; } = true;
    public int Position { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A named ticket filter an agent keeps in the sidebar; shared when AgentId is null.</summary>
public sealed class SavedView
{
    public long Id { get; set; }
    public long? AgentId { get; set; }
    public required string Name { get; set; }
    public string? Status { get; set; }
    public string? Priority { get; set; }
    public long? AssigneeId { get; set; }
    public bool UnassignedOnly { get; set; }
    public long? TeamId { get; set; }
    public string? Tag { get; set; }
    public int Position { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An integration's HTTP endpoint that receives ticket events, signed with its secret.</summary>
public sealed class Webhook
{
    public long Id { get; set; }
    public required string Url { get; set; }
    /// <summary>Key for the HMAC-SHA256 signature of every delivery; kept encrypted with Data Protection.</summary>
    public required string SecretProtected { get; set; }
    /// <summary>Comma-separated event names, or "*" for all.</summary>
    public string Events { get; set; } = "*";
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastDeliveryAt { get; set; }
    public string? LastError { get; set; }

    public bool Wants(string eventName) => Events == "*" || Events.Split(',').Contains(eventName);
}
