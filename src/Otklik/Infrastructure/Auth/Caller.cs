using System.Security.Claims;
using Otklik.Domain;

namespace Otklik.Infrastructure.Auth;

/// <summary>The signed-in agent on whose behalf a use case runs.</summary>
public sealed record Caller(long AgentId, string Name, AgentRole Role)
{
    public const string StampClaim = "otklik:stamp";

    public Actor Actor => Actor.OfAgent(AgentId);
    public bool IsAdmin => Role == AgentRole.Admin;
    public bool SeesAllTickets => Role >= AgentRole.Supervisor;

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = user.FindFirstValue(ClaimTypes.Role);
        if (!long.TryParse(id, out var agentId) || !Enum.TryParse<AgentRole>(role, out var r)) return null;
        return new Caller(agentId, user.FindFirstValue(ClaimTypes.Name) ?? "", r);
    }

    public static ClaimsIdentity IdentityOf(Agent agent, string scheme) => new(
    [
        new Claim(ClaimTypes.NameIdentifier, agent.Id.ToString()),
        new Claim(ClaimTypes.Name, agent.Name),
        new Claim(ClaimTypes.Email, agent.Email),
        new Claim(ClaimTypes.Role, agent.Role.ToString()),
        new Claim(StampClaim, agent.SecurityStamp),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role);
}

public static class Policies
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}

public static class CallerEndpointExtensions
{
    /// <summary>Endpoints behind RequireAuthorization always have a caller; a missing one is a bug.</summary>
    public static Caller Caller(this HttpContext http) =>
        Auth.Caller.From(http.User) ?? throw new InvalidOperationException("Endpoint reached without an authenticated agent.");
}
