using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Auth;

public static class Tokens
{
    public sealed record IssueRequest(string? Email, string? Password, string? Name);
    public sealed record Issued(long Id, string Name, string Token, string Prefix, DateTime CreatedAt);
    public sealed record TokenDto(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt);

    public static void MapAnonymous(IEndpointRouteBuilder api) =>
        api.MapPost("/auth/tokens", (IssueRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) => IssueAsync(r, db, clock, ct)).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithName("IssueToken").WithSummary("Exchange an agent's email and password for an API token (shown once)")
            .Produces<Issued>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/auth/tokens", async (OtklikDb db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, http.Caller().AgentId, ct)))
            .WithName("ListTokens").WithSummary("The caller's active tokens");
        api.MapDelete("/auth/tokens/{id:long}", async (long id, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                await RevokeAsync(db, http.Caller(), id, clock.GetUtcNow().UtcDateTime, ct)
                    ? TypedResults.NoContent() : new Error.NotFound($"Token {id}").ToProblem())
            .WithName("RevokeToken").WithSummary("Revoke one of the caller's tokens; it stops working at once");
    }

    private static async Task<IResult> IssueAsync(IssueRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("email", r.Email, 254).Required("password", r.Password, 200).Required("name", r.Name, 100);
        if (!v.IsValid) return v.ToError().ToProblem();
        var email = r.Email!.Trim().ToLowerInvariant();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Email == email, ct);
        if (agent is null || !agent.IsActive || !Passwords.Verify(agent, r.Password!))
            return TypedResults.Problem("The email or password is wrong, or the agent is deactivated.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        var issued = await IssueAsync(db, agent.Id, r.Name!.Trim(), clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Created($"/api/v1/auth/tokens/{issued.Id}", issued);
    }

    public static async Task<Issued> IssueAsync(OtklikDb db, long agentId, string name, DateTime now, CancellationToken ct)
    {
        var (secret, hash, prefix) = ApiTokenAuthentication.NewToken();
        var token = new ApiToken { AgentId = agentId, Name = name, Hash = hash, Prefix = prefix, CreatedAt = now };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new Issued(token.Id, token.Name, secret, prefix, now);
    }

    public static Task<List<TokenDto>> ListAsync(OtklikDb db, long agentId, CancellationToken ct) =>
        db.ApiTokens.Where(t => t.AgentId == agentId && t.RevokedAt == null).OrderByDescending(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt)).ToListAsync(ct);

    public static async Task<bool> RevokeAsync(OtklikDb db, Caller caller, long id, DateTime now, CancellationToken ct) =>
        await db.ApiTokens.Where(t => t.Id == id && t.AgentId == caller.AgentId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) > 0;
}
