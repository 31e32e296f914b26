namespace Otklik.Domain;

/// <summary>Work that must happen at least once after a commit, even if the process dies.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime AvailableAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
}

/// <summary>Remembers the answer to a create request so that a retry returns the same ticket.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public long AgentId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    public DateTime CreatedAt { get; set; }
}
