namespace Otklik.Domain;

/// <summary>
/// A ready answer an agent drops into the reply box ("шаблон"). Shared with every agent when OwnerAgentId is null,
/// else only its owner ever sees it. The body is plain text with {{variables}} filled in per ticket.
/// </summary>
public sealed class CannedReply
{
    public const int TitleLimit = 120;
    public const int BodyLimit = 10_000;

    public long Id { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public long? OwnerAgentId { get; set; }
    /// <summary>How often it was inserted into a reply; the list puts the most used first.</summary>
    public int UsageCount { get; set; }
    public long CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public long UpdatedById { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsShared => OwnerAgentId is null;
}
