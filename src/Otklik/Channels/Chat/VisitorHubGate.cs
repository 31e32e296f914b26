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

    public async Task InvokeAsync(HttpContext http, OtklikDb db, VisitorSessions sessions)
    {
        if (!http.Request.Path.StartsWithSegments(Path))
        {
            await next(http);
            return;
        }
        var widget = await WidgetEndpoints.FindAsync(db, http.Request.Query["key"].ToString(), http.RequestAborted);
        if (widget is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!WidgetEndpoints.OriginAllowed(http, widget))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            http.Response.Headers.AccessControlAllowMethods = "GET, POST";
            http.Response.Headers.AccessControlAllowHeaders = "Content-Type, X-Requested-With, X-SignalR-User-Agent";
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (await sessions.ResolveAsync(widget, http.Request.Query["visitor"].ToString(), http.RequestAborted) is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(http);
    }
}
