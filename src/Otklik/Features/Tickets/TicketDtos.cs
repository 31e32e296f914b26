using Otklik.Domain;

namespace Otklik.Features.Tickets;

public sealed record PersonRef(long Id, string Name);

public sealed record CustomerRef(long Id, string Name, string? Email);

public sealed record TicketSummary(
    long Id, long Number, string Subject, string Status, string Priority, string Channel,
    CustomerRef Customer, PersonRef? Assignee, PersonRef? Team, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime LastMessageAt, int MessageCount, int Version);

/// <param name="Dangerous">An executable or macro file: the workspace warns before download.</param>
public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Size, string? ContentId = null, bool Inline = false, bool Dangerous = false);

/// <summary>How a message travelled by email: addresses, the receiving server's SPF/DKIM/DMARC verdicts, warnings, why delivery failed.</summary>
public sealed record EmailEnvelopeDto(string? From, string? To, string? Cc, string? Spf, string? Dkim, string? Dmarc, string? Warning, string? DeliveryError);

public sealed record MessageDto(
    long Id, string Kind, string AuthorKind, PersonRef? Author, string Body, string? Html,
    string DeliveryStatus, DateTime CreatedAt, IReadOnlyList<AttachmentDto> Attachments, EmailEnvelopeDto? Email = null);

public sealed record TimelineDto(
    long Id, DateTime At, string Kind, string ActorKind, long? ActorAgentId, string? Field,
    string? OldValue, string? NewValue, string? Note);

public sealed record TicketDetails(
    long Id, long Number, string Subject, string Status, string Priority, string Channel,
    CustomerRef Customer, PersonRef? Assignee, PersonRef? Team, long? InboxId, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> CustomFields,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstResponseAt, DateTime? SolvedAt, DateTime? ClosedAt,
    long? MergedIntoId, long? FollowUpOfId, IReadOnlyList<long> LinkedTicketIds, IReadOnlyList<CustomerRef> Participants,
    int Version, IReadOnlyList<MessageDto> Messages, IReadOnlyList<TimelineDto> Timeline,
    string? UnverifiedContact = null);

public static class TicketMapping
{
    public static TicketSummary ToSummary(this Ticket t) => new(
        t.Id, t.Id, t.Subject, Names.Of(t.Status), Names.Of(t.Priority), Names.Of(t.Channel),
        new CustomerRef(t.CustomerId, t.Customer?.Name ?? "", t.Customer?.PrimaryEmail),
        t.Assignee is null ? null : new PersonRef(t.Assignee.Id, t.Assignee.Name),
        t.Team is null ? null : new PersonRef(t.Team.Id, t.Team.Name),
        t.Tags.Select(x => x.Name).Order().ToList(),
        t.CreatedAt, t.UpdatedAt, t.LastMessageAt, t.MessageCount, t.Version);

    public static MessageDto ToDto(this Message m) => new(
        m.Id, Names.Of(m.Kind), Names.Of(m.AuthorKind),
        m.AuthorAgent is not null ? new PersonRef(m.AuthorAgent.Id, m.AuthorAgent.Name)
            : m.AuthorCustomer is not null ? new PersonRef(m.AuthorCustomer.Id, m.AuthorCustomer.Name) : null,
        m.BodyText, m.BodyHtml, Names.Of(m.DeliveryStatus), m.CreatedAt,
        m.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.ContentId, a.IsInline,
            Channels.Email.DangerousFiles.IsDangerous(a.FileName, a.ContentType))).ToList(),
        m.Email is { } e ? new EmailEnvelopeDto(e.From, e.To, e.Cc, e.Spf, e.Dkim, e.Dmarc, WarningText(e.Warning), e.DeliveryError) : null);

    public static TimelineDto ToDto(this TimelineEvent e) => new(
        e.Id, e.At, e.Kind, Names.Of(e.ActorKind), e.ActorAgentId, e.Field, e.OldValue, e.NewValue, e.Note);

    /// <summary>Stored email warnings in the reader's language (the request's or the workspace's culture), one per line.</summary>
    private static string? WarningText(string? stored)
    {
        var warnings = Otklik.Channels.Email.MailWarning.Read(stored);
        var russian = Otklik.Infrastructure.ReaderLanguage.IsRussian;
        return warnings.Count == 0 ? null : string.Join("\n", warnings.Select(w => w.Text(russian)));
    }
}
