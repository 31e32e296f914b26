using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Infrastructure.Auth;

public static class AuthSetup
{
    public const string Smart = "Otklik";

    /// <summary>Cookies for the workspace, bearer tokens for the API; whichever the request carries.</summary>
    public static IServiceCollection AddOtklikAuth(this IServiceCollection services)
    {
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "Cookie or API token", o => o.ForwardDefaultSelector = http =>
                ApiTokenAuthentication.SecretOf(http.Request) is not null
                    ? ApiTokenAuthentication.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "otklik.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/forbidden";
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = RevalidateAsync;
                o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(nameof(AgentRole.Supervisor), nameof(AgentRole.Admin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(AgentRole.Admin)));
        return services;
    }

    /// <summary>
    /// Every request re-reads the agent: a deactivated agent is out at once, and a role
    /// change applies on the next click without signing in again.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext ctx)
    {
        var caller = ctx.Principal is null ? null : Caller.From(ctx.Principal);
        var stamp = ctx.Principal?.FindFirst(Caller.StampClaim)?.Value;
        var db = ctx.HttpContext.RequestServices.GetRequiredService<OtklikDb>();
        var agent = caller is null ? null : await db.Agents.FirstOrDefaultAsync(a => a.Id == caller.AgentId);
        if (agent is null || !agent.IsActive || agent.SecurityStamp != stamp)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (agent.Role != caller!.Role || agent.Name != caller.Name)
        {
            ctx.ReplacePrincipal(new System.Security.Claims.ClaimsPrincipal(Caller.IdentityOf(agent, CookieAuthenticationDefaults.AuthenticationScheme)));
            ctx.ShouldRenew = true;
        }
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
