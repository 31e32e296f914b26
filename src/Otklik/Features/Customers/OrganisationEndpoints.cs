using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.Customers;

/// <summary>Companies customers belong to; the domain lets support see who else from there wrote in.</summary>
public static class OrganisationEndpoints
{
    public sealed record OrganisationDto(long Id, string Name, string? Domain, string? Notes, int CustomerCount);
    public sealed record OrganisationRequest(string? Name, string? Domain, string? Notes);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/organisations", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListOrganisations");
        api.MapPost("/organisations", async (OrganisationRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, clock, ct)).ToResult(o => TypedResults.Created($"/api/v1/organisations/{o.Id}", o)))
            .WithName("CreateOrganisation").ProducesValidationProblem();
        api.MapPatch("/organisations/{id:long}", async (long id, OrganisationRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, clock, ct)).ToResult(TypedResults.Ok))
            .WithName("UpdateOrganisation").ProducesValidationProblem();
    }

    public static Task<List<OrganisationDto>> ListAsync(OtklikDb db, CancellationToken ct) => db.Organisations.OrderBy(o => o.Name)
        .Select(o => new OrganisationDto(o.Id, o.Name, o.Domain, o.Notes, db.Customers.Count(c => c.OrganisationId == o.Id && c.MergedIntoId == null)))
        .ToListAsync(ct);

    /// <summary>Creates (id null) or updates an organisation.</summary>
    public static async Task<Result<OrganisationDto>> SaveAsync(long? id, OrganisationRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, 200).MaxLength("domain", r.Domain, 253).MaxLength("notes", r.Notes, 5000);
        if (r.Domain is not null && (r.Domain.Contains('@') || r.Domain.Any(char.IsWhiteSpace) || !r.Domain.Contains('.')))
            v.Add("domain", Validation.Say($"'{r.Domain}' is not a domain name like example.com.", $"«{r.Domain}» — не домен вида example.com."));
        if (!v.IsValid) return v.ToError();
        var org = id is null ? new Organisation { Name = r.Name!, CreatedAt = clock.GetUtcNow().UtcDateTime }
            : await db.Organisations.AsTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null) return new Error.NotFound($"Organisation {id}");
        org.Name = r.Name!.Trim();
        org.Domain = r.Domain?.Trim().ToLowerInvariant();
        org.Notes = r.Notes;
        if (id is null) db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        return new OrganisationDto(org.Id, org.Name, org.Domain, org.Notes, 0);
    }
}
