using Otklik.Domain;

namespace Otklik.Features.Customers;

public sealed record IdentityDto(long Id, string Kind, string Value, bool Verified);

public sealed record CustomerDto(
    long Id, string Name, string? Language, string? TimeZone, long? OrganisationId, string? OrganisationName,
    bool IsVip, System.Text.Json.JsonElement Attributes, IReadOnlyList<IdentityDto> Identities,
    DateTime CreatedAt, DateTime UpdatedAt, long? MergedIntoId, int Version, int TicketCount);

public static class CustomerMapping
{
    public static CustomerDto ToDto(this Customer c, int ticketCount) => new(
        c.Id, c.Name, c.Language, c.TimeZone, c.OrganisationId, c.Organisation?.Name, c.IsVip,
        System.Text.Json.JsonDocument.Parse(c.Attributes).RootElement.Clone(),
        c.Identities.OrderBy(i => i.Id).Select(i => new IdentityDto(i.Id, Names.Of(i.Kind), i.Value, i.Verified)).ToList(),
        c.CreatedAt, c.UpdatedAt, c.MergedIntoId, c.Version, ticketCount);
}
