using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>
/// The widget's HTTP side, called cross-origin from the customer's site: start or resume a
/// session, upload a file. Only the widget's allowed origins get CORS headers; a browser on any
/// other site is refused. No cookies are involved: the visitor token travels in a header.
/// </summary>
public static class WidgetEndpoints
{
    public const string TokenHeader = "X-Otklik-Visitor";

    public sealed record SessionRequest(string? Token, string? Page, string? Referrer, string? Language, string? TimeZone = null);

    public sealed record FormDto(string Name, string Email, string Phone);

    public sealed record SessionResponse(string Token, string VisitorId, string Name, string? Email, string? Phone, bool Online, string Promise,
        FormDto Form, IReadOnlyList<WidgetMessage> Messages, long ReadUpTo, bool HasConversation);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/widget/api/{key}").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        api.MapMethods("/{**rest}", [HttpMethods.Options], PreflightAsync);
        api.MapPost("/session", SessionAsync).RequireRateLimiting(RateLimits.ChatSession);
        WidgetUploads.Map(api);
    }

    /// <summary>The widget of an active inbox by its public key.</summary>
    public static Task<ChatWidget?> FindAsync(OtklikDb db, string key, CancellationToken ct) =>
        key.Length is < 8 or > 64 ? Task.FromResult<ChatWidget?>(null)
            : db.ChatWidgets.Include(w => w.Inbox).FirstOrDefaultAsync(w => w.PublicKey == key && w.Inbox!.IsActive, ct);

    /// <summary>
    /// A browser request from an origin the widget does not list is refused; a request without an
    /// Origin header does not come from a web page (CORS protects browsers, not servers).
    /// </summary>
    public static bool OriginAllowed(HttpContext http, ChatWidget widget, bool setHeaders = true)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        if (!widget.Allows(origin)) return false;
        if (setHeaders)
        {
            http.Response.Headers.AccessControlAllowOrigin = origin;
            http.Response.Headers.Vary = "Origin";
        }
        return true;
    }

    private static async Task<IResult> PreflightAsync(string key, HttpContext http, OtklikDb db, CancellationToken ct)
    {
        var widget = await FindAsync(db, key, ct);
        if (widget is null || http.Request.Headers.Origin.Count == 0 || !OriginAllowed(http, widget)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        http.Response.Headers.AccessControlAllowMethods = "POST, GET";
        http.Response.Headers.AccessControlAllowHeaders = $"Content-Type, {TokenHeader}";
        http.Response.Headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    public static IResult OriginRefused() => TypedResults.Problem("This site is not allowed to embed the chat widget. Add it to the widget's allowed origins.",
        statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed", extensions: new Dictionary<string, object?> { ["code"] = "origin_not_allowed" });

    public static IResult UnknownWidget() => TypedResults.Problem("There is no active chat widget with this key.",
        statusCode: StatusCodes.Status404NotFound, title: "Not found", extensions: new Dictionary<string, object?> { ["code"] = "not_found" });

    private static async Task<IResult> SessionAsync(string key, SessionRequest? request, HttpContext http, OtklikDb db, VisitorSessions sessions,
        VisitorConversation conversation, ChatAvailability availability, ChatLimits limits, CancellationToken ct)
    {
        var widget = await FindAsync(db, key, ct);
        if (widget is null) return UnknownWidget();
        if (!OriginAllowed(http, widget)) return OriginRefused();
        request ??= new SessionRequest(null, null, null, null);
        var known = await sessions.ResolveAsync(widget, request.Token, ct);
        if (known is null && !await limits.TryNewVisitorAsync(http.Connection.RemoteIpAddress?.ToString()))
            return TypedResults.Problem("Too many new chat sessions from this address; try again in a minute.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit", extensions: new Dictionary<string, object?> { ["code"] = "rate_limited" });

        var started = await sessions.StartAsync(widget, request.Token,
            new VisitorContext(request.Page, request.Referrer, request.Language, http.Request.Headers.UserAgent.ToString(), request.TimeZone), ct);
        var visitor = started.Visitor;
        var customer = await db.Customers.Include(c => c.Identities).FirstAsync(c => c.Id == visitor.CustomerId, ct);
        var russian = (request.Language ?? visitor.Language ?? "").StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        var now = await availability.OfAsync(widget, russian, ct);
        var messages = started.IsNew ? [] : await conversation.HistoryAsync(visitor.Id, ct);
        var anonymous = customer.Identities.All(i => i.Kind == IdentityKind.ChatVisitor) && customer.Name.StartsWith("Visitor ", StringComparison.Ordinal);
        return TypedResults.Ok(new SessionResponse(started.Token, visitor.PublicId, anonymous ? "" : customer.Name,
            customer.PrimaryEmail, customer.Identities.Where(i => i.Kind == IdentityKind.Phone).Select(i => i.Value).FirstOrDefault(),
            now.Online, now.Promise,
            new FormDto(Names.Of(widget.AskName), Names.Of(widget.AskEmail), Names.Of(widget.AskPhone)),
            messages, visitor.AgentReadUpTo, visitor.TicketId is not null));
    }
}
