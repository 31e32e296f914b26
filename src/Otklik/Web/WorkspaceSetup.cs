using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Features.Auth;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Web;

public static class WorkspaceSetup
{
    public static IServiceCollection AddOtklikWorkspace(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAgentState>();
        services.AddScoped<ViewerClock>();
        services.AddScoped<Components.InboxState>();
        services.AddScoped<Components.Shortcuts>();
        return services;
    }

    public static void MapOtklikWorkspace(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapPost("/account/login", SignInAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).DisableAntiforgery();
        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
        app.MapGet("/account/culture", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (Localization.Cultures.Contains(culture))
                http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                    Localization.CookieValue(culture), new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
        }).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, OtklikDb db)
    {
        var form = await http.Request.ReadFormAsync();
        var email = form["email"].ToString().Trim().ToLowerInvariant();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Email == email);
        if (agent is null || !agent.IsActive || !Passwords.Verify(agent, password))
            return Results.Redirect("/login?error=1" + (returnUrl.Length > 0 ? "&returnUrl=" + Uri.EscapeDataString(returnUrl) : ""));

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new System.Security.Claims.ClaimsPrincipal(Caller.IdentityOf(agent, CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = true });
        if (!http.Request.Cookies.ContainsKey(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName))
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Localization.CookieValue(agent.Language), new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        return Results.LocalRedirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/");
    }
}

/// <summary>Re-checks an open workspace every minute, so a deactivated agent's browser is signed out too.</summary>
internal sealed class RevalidatingAgentState(ILoggerFactory logger, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var caller = Caller.From(state.User);
        if (caller is null) return false;
        var stamp = state.User.FindFirst(Caller.StampClaim)?.Value;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        return await db.Agents.AnyAsync(a => a.Id == caller.AgentId && a.IsActive && a.SecurityStamp == stamp, ct);
    }
}
