using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Auth;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

public static class AgentAdmin
{
    public sealed record AgentDto(long Id, string Email, string Name, string Role, bool IsActive, string Language, string TimeZone, IReadOnlyList<long> TeamIds, DateTime CreatedAt, int ChatLimit);
    public sealed record InviteRequest(string? Email, string? Name, string? Role, string? Password, string? Language, long[]? TeamIds);
    /// <summary>The password is returned only here, once, when Otklik generated it.</summary>
    public sealed record Invited(AgentDto Agent, string? GeneratedPassword);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/agents", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListAgents");
        api.MapPost("/agents", async (InviteRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await InviteAsync(r, db, clock, ct)).ToResult(i => TypedResults.Created($"/api/v1/agents/{i.Agent.Id}", i))).RequireAuthorization(Policies.Admin).WithName("InviteAgent")
            .Produces<Invited>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPatch("/agents/{id:long}", async (long id, JsonElement body, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await UpdateAsync(id, body, db, http.Caller(), clock, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(Policies.Admin).WithName("UpdateAgent")
            .WithSummary("Change name, role, teams, language; isActive=false deactivates at once").ProducesValidationProblem();
    }

    public static async Task<List<AgentDto>> ListAsync(OtklikDb db, CancellationToken ct) =>
        (await db.Agents.Include(a => a.Teams).OrderBy(a => a.Name).ToListAsync(ct)).Select(ToDto).ToList();

    public static AgentDto ToDto(Agent a) => new(a.Id, a.Email, a.Name, Names.Of(a.Role), a.IsActive, a.Language, a.TimeZone,
        a.Teams.Select(t => t.TeamId).Order().ToList(), a.CreatedAt, a.ChatLimit);

    public static async Task<Result<Invited>> InviteAsync(InviteRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("email", r.Email, 254).Email("email", r.Email).Required("name", r.Name, TicketLimits.Name);
        var role = v.Enum<AgentRole>("role", r.Role) ?? AgentRole.Agent;
        if (r.Password is not null && Passwords.Weakness(r.Password) is { } weak) v.Add("password", weak);
        if (r.Language is not null and not ("ru" or "en")) v.Add("language", Validation.Say("'language' is 'ru' or 'en'.", "Язык — «ru» или «en»."));
        var email = r.Email?.Trim().ToLowerInvariant();
        if (email is not null && await db.Agents.AnyAsync(a => a.Email == email, ct)) v.Add("email", Validation.Say($"An agent with {email} already exists.", $"Сотрудник с адресом {email} уже есть."));
        var teamIds = (r.TeamIds ?? []).Distinct().ToList();
        if (teamIds.Count > 0 && await db.Teams.CountAsync(t => teamIds.Contains(t.Id), ct) != teamIds.Count) v.Add("teamIds", Validation.Say("Some of the teams do not exist.", "Некоторых из этих команд нет."));
        if (!v.IsValid) return v.ToError();

        var password = r.Password ?? Passwords.Generate();
        var agent = new Agent
        {
            Email = email!, Name = r.Name!.Trim(), Role = role, Language = r.Language ?? "ru",
            CreatedAt = clock.GetUtcNow().UtcDateTime, Teams = teamIds.Select(t => new TeamMember { TeamId = t }).ToList(),
        };
        Passwords.Set(agent, password);
        db.Agents.Add(agent);
        await db.SaveChangesAsync(ct);
        return new Invited(ToDto(agent), r.Password is null ? password : null);
    }

    public static async Task<Result<AgentDto>> UpdateAsync(long id, JsonElement body, OtklikDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var patch = new JsonPatchBody(body, v);
        patch.OnlyKnown("name", "role", "isActive", "language", "timeZone", "teamIds", "password", "chatLimit");
        if (!v.IsValid) return v.ToError();
        var agent = await db.Agents.AsTracking().Include(a => a.Teams).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agent is null) return new Error.NotFound($"Agent {id}");
        var self = caller.AgentId == id;

        if (patch.Has("name") && v.Required("name", patch.String("name"), TicketLimits.Name).IsValid) agent.Name = patch.String("name")!.Trim();
        if (patch.Has("role") && v.Enum<AgentRole>("role", patch.String("role") ?? "") is { } role && role != agent.Role)
        {
            if (self && role != AgentRole.Admin) v.Add("role", Validation.Say("You cannot take the admin role from yourself; ask another admin.", "Нельзя снять роль администратора с самого себя — попросите другого администратора."));
            agent.Role = role;
        }
        if (patch.Bool("isActive") is { } active && active != agent.IsActive)
        {
            if (self && !active) v.Add("isActive", Validation.Say("You cannot deactivate yourself.", "Нельзя отключить самого себя."));
            agent.IsActive = active;
            // Every cookie and token of a deactivated agent must stop working now, and stay dead if the agent comes back.
            agent.SecurityStamp = Guid.NewGuid().ToString("N");
            if (!active)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var token in await db.ApiTokens.AsTracking().Where(t => t.AgentId == id && t.RevokedAt == null).ToListAsync(ct))
                    token.RevokedAt = now;
            }
        }
        if (patch.String("language") is { } lang) { if (lang is "ru" or "en") agent.Language = lang; else v.Add("language", Validation.Say("'language' is 'ru' or 'en'.", "Язык — «ru» или «en».")); }
        if (patch.String("timeZone") is { } tz)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _)) agent.TimeZone = tz; else v.Add("timeZone", Validation.Say($"'{tz}' is not a known time zone.", $"Часовой пояс «{tz}» неизвестен."));
        }
        if (patch.Has("chatLimit"))
        {
            if (patch.Long("chatLimit") is { } limit and >= 1 and <= 50) agent.ChatLimit = (int)limit;
            else v.Add("chatLimit", Validation.Say("'chatLimit' is a number from 1 to 50.", "Лимит чатов — число от 1 до 50."));
        }
        if (patch.Has("password") && Passwords.Weakness(patch.String("password")) is { } weak) v.Add("password", weak);
        else if (patch.String("password") is { } pw) Passwords.Set(agent, pw);
        if (patch.Has("teamIds") && patch.Longs("teamIds") is var ids && v.IsValid)
        {
            var teamIds = ids ?? [];
            if (teamIds.Count > 0 && await db.Teams.CountAsync(t => teamIds.Contains(t.Id), ct) != teamIds.Count) v.Add("teamIds", Validation.Say("Some of the teams do not exist.", "Некоторых из этих команд нет."));
            else
            {
                agent.Teams.RemoveAll(m => !teamIds.Contains(m.TeamId));
                agent.Teams.AddRange(teamIds.Where(t => agent.Teams.All(m => m.TeamId != t)).Select(t => new TeamMember { TeamId = t, AgentId = id }));
            }
        }
        if (agent.Role != AgentRole.Admin || !agent.IsActive)
        {
            var otherAdmins = await db.Agents.CountAsync(a => a.Id != id && a.Role == AgentRole.Admin && a.IsActive, ct);
            if (otherAdmins == 0) v.Add("role", Validation.Say("Otklik needs at least one active admin.", "В Отклике должен остаться хотя бы один активный администратор."));
        }
        if (!v.IsValid) return v.ToError();
        await db.SaveChangesAsync(ct);
        return ToDto(agent);
    }
}
