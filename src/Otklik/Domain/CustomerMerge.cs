namespace Otklik.Domain;

/// <summary>
/// One merge of two customer profiles, kept so it can be read and undone: who merged, when, and
/// exactly which rows moved from the merged profile (source) to the survivor (target).
/// </summary>
public sealed class CustomerMerge
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public long TargetId { get; set; }
    /// <summary>The agent who merged; null when the customer joined profiles themselves (contact details given in chat).</summary>
    public long? MergedByAgentId { get; set; }
    /// <summary>Why: "agent" for a merge from the workspace or the API, "chat_contact" for a visitor who gave a known email or phone.</summary>
    public required string Reason { get; set; }
    public DateTime MergedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
    public long? UndoneByAgentId { get; set; }
    /// <summary>What moved, as JSON (<see cref="MovedRows"/>): enough to put every row back.</summary>
    public string Moved { get; set; } = "{}";

    public const string ByAgent = "agent";
    public const string ByChatContact = "chat_contact";
}

/// <summary>The rows a merge moved. Participants the survivor already had are dropped, not moved: undo adds them back.</summary>
public sealed record MovedRows(
    List<long> TicketIds, List<long> IdentityIds, List<MovedParticipant> Participants, List<long> MessageIds,
    List<long> VisitorIds, SurvivorFields Before, SurvivorFields After);

/// <param name="Dropped">The survivor was already on the ticket (as participant or requester): the source's row was deleted.</param>
public sealed record MovedParticipant(long TicketId, bool Dropped);

/// <summary>The survivor's own fields a merge may fill in from the merged profile.</summary>
public sealed record SurvivorFields(string Name, bool IsVip, string? Language, string? TimeZone, long? OrganisationId)
{
    public static SurvivorFields Of(Customer c) => new(c.Name, c.IsVip, c.Language, c.TimeZone, c.OrganisationId);
}

/// <summary>"These two are not the same person": a duplicate suggestion someone dismissed, for both profiles. Low id first.</summary>
public sealed class DuplicateDismissal
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long OtherCustomerId { get; set; }
    public long DismissedByAgentId { get; set; }
    public DateTime DismissedAt { get; set; }

    public static (long Low, long High) Pair(long a, long b) => a < b ? (a, b) : (b, a);
}
