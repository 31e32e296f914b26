using Otklik.Data;

namespace Otklik.Channels.Chat;

/// <summary>
/// Stands before the visitor hub (negotiate, WebSocket upgrade, long polling): an unknown widget
/// key is 404, a page on an origin the widget does not list is 403, and a missing, forged,
/// expired or other-inbox token is 401 — so no connection exists without a visitor of its own.
/// A WebSocket is not covered by CORS: the Origin check here is what keeps other sites out.
/// </summary>
public sealed class VisitorHubGate(RequestDelegate next)
{
    public const string Path = "/hubs/visitor";

    // The checks run in a scope of their own: a WebSocket request lives as long as the connection, and
    // its request scope would otherwise keep a pooled database context (and ~20 KB) per idle visitor.
    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes)
    {
        if (!http.Request.Path.StartsWithSegments(Path))
        {
            await next(http);
            return;
        }
        if (await RefusalAsync(http, scopes) is { } status)
        {
            http.Response.StatusCode = status;
            return;
        }
        await next(http);
    }

    private static async Task<int?> RefusalAsync(HttpContext http, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var widget = await WidgetEndpoints.FindAsync(db, http.Request.Query["key"].ToString(), http.RequestAborted);
        if (widget is null) return StatusCodes.Status404NotFound;
        if (!WidgetEndpoints.OriginAllowed(http, widget)) return StatusCodes.Status403Forbidden;
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            http.Response.Headers.AccessControlAllowMethods = "GET, POST";
            http.Response.Headers.AccessControlAllowHeaders = "Content-Type, X-Requested-With, X-SignalR-User-Agent";
            return StatusCodes.Status204NoContent;
        }
        var sessions = scope.ServiceProvider.GetRequiredService<VisitorSessions>();
        return await sessions.ResolveAsync(widget, http.Request.Query["visitor"].ToString(), http.RequestAborted) is null
            ? StatusCodes.Status401Unauthorized : null;
    }
}
