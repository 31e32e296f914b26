using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

/// <summary>The tag catalogue: names with colours and how many tickets carry each.</summary>
public static class TagAdmin
{
    public sealed record TagDto(long Id, string Name, string? Color, int TicketCount);
    public sealed record TagRequest(string? Name, string? Color);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tags", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListTags");
        api.MapPost("/tags", async (TagRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, clock, ct)).ToResult(d => TypedResults.Created($"/api/v1/tags/{d.Id}", d)))
            .RequireAuthorization(Policies.Admin).WithName("CreateTag").ProducesValidationProblem();
        api.MapPut("/tags/{id:long}", async (long id, TagRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, clock, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("UpdateTag").ProducesValidationProblem();
        api.MapDelete("/tags/{id:long}", async (long id, OtklikDb db, CancellationToken ct) =>
                (await DeleteAsync(id, db, ct)).ToResult(_ => TypedResults.NoContent())).RequireAuthorization(Policies.Admin).WithName("DeleteTag")
            .WithSummary("Remove a tag from the catalogue and from every ticket");
    }

    public static async Task<List<TagDto>> ListAsync(OtklikDb db, CancellationToken ct)
    {
        var counts = await db.TicketTags.GroupBy(t => t.Name).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (await db.Tags.OrderBy(t => t.Name).ToListAsync(ct)).Select(t => new TagDto(t.Id, t.Name, t.Color, counts.GetValueOrDefault(t.Name))).ToList();
    }

    public static async Task<Result<TagDto>> SaveAsync(long? id, TagRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, TicketLimits.Tag);
        if (r.Color is not null && !System.Text.RegularExpressions.Regex.IsMatch(r.Color, "^#[0-9a-fA-F]{6}$")) v.Add("color", Validation.Say("'color' is a hex colour like #1f7a4d.", "Цвет задаётся так: #1f7a4d."));
        var name = r.Name is null ? null : TicketTag.Normalize(r.Name);
        if (name is not null && await db.Tags.AnyAsync(t => t.Name == name && t.Id != id, ct)) v.Add("name", Validation.Say($"The tag '{name}' already exists.", $"Тег «{name}» уже есть."));
        if (!v.IsValid) return v.ToError();
        var tag = id is null ? new Tag { Name = name!, CreatedAt = clock.GetUtcNow().UtcDateTime } : await db.Tags.AsTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return new Error.NotFound($"Tag {id}");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (id is not null && tag.Name != name)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE ticket_tags SET name = {name} WHERE name = {tag.Name} AND ticket_id NOT IN (SELECT ticket_id FROM ticket_tags WHERE name = {name})", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM ticket_tags WHERE name = {tag.Name}", ct);
        }
        tag.Name = name!;
        tag.Color = r.Color;
        if (id is null) db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var dto = new TagDto(tag.Id, tag.Name, tag.Color, 0);
        return dto;
    }

    public static async Task<Result<bool>> DeleteAsync(long id, OtklikDb db, CancellationToken ct)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return new Error.NotFound($"Tag {id}");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.TicketTags.Where(t => t.Name == tag.Name).ExecuteDeleteAsync(ct);
        await db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
