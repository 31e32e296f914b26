using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

public static class TeamAdmin
{
    public sealed record TeamDto(long Id, string Name, string? Description, IReadOnlyList<long> AgentIds);
    public sealed record TeamRequest(string? Name, string? Description, long[]? AgentIds);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/teams", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListTeams");
        api.MapPost("/teams", async (TeamRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, clock, ct)).ToResult(d => TypedResults.Created($"/api/v1/teams/{d.Id}", d)))
            .RequireAuthorization(Policies.Admin).WithName("CreateTeam").ProducesValidationProblem();
        api.MapPut("/teams/{id:long}", async (long id, TeamRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, clock, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("UpdateTeam").ProducesValidationProblem();
        api.MapDelete("/teams/{id:long}", async (long id, OtklikDb db, CancellationToken ct) =>
                await DeleteAsync(db, id, ct) ? TypedResults.NoContent() : new Error.NotFound($"Team {id}").ToProblem())
            .RequireAuthorization(Policies.Admin).WithName("DeleteTeam");
    }

    public static async Task<bool> DeleteAsync(OtklikDb db, long id, CancellationToken ct) =>
        await db.Teams.Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0;

    public static async Task<List<TeamDto>> ListAsync(OtklikDb db, CancellationToken ct) =>
        (await db.Teams.Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(ct))
        .Select(t => new TeamDto(t.Id, t.Name, t.Description, t.Members.Select(m => m.AgentId).Order().ToList())).ToList();

    public static async Task<Result<TeamDto>> SaveAsync(long? id, TeamRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, 100).MaxLength("description", r.Description, 1000);
        var name = r.Name?.Trim();
        if (name is not null && await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, ct)) v.Add("name", Validation.Say($"A team named '{name}' already exists.", $"Команда «{name}» уже есть."));
        var agentIds = (r.AgentIds ?? []).Distinct().ToList();
        if (agentIds.Count > 0 && await db.Agents.CountAsync(a => agentIds.Contains(a.Id), ct) != agentIds.Count) v.Add("agentIds", Validation.Say("Some of the agents do not exist.", "Некоторых из этих сотрудников нет."));
        if (!v.IsValid) return v.ToError();

        var team = id is null ? new Team { Name = name!, CreatedAt = clock.GetUtcNow().UtcDateTime }
            : await db.Teams.AsTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return new Error.NotFound($"Team {id}");
        team.Name = name!;
        team.Description = r.Description;
        if (r.AgentIds is not null)
        {
            team.Members.RemoveAll(m => !agentIds.Contains(m.AgentId));
            team.Members.AddRange(agentIds.Where(a => team.Members.All(m => m.AgentId != a)).Select(a => new TeamMember { AgentId = a }));
        }
        if (id is null) db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        var dto = new TeamDto(team.Id, team.Name, team.Description, team.Members.Select(m => m.AgentId).Order().ToList());
        return dto;
    }
}
