using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Chat;

/// <summary>Chat widgets: each is a chat inbox with a public key, the sites allowed to embed it, its pre-chat form and promises.</summary>
public static class ChatWidgetAdmin
{
    public sealed record WidgetRequest(string? Name, string[]? AllowedOrigins, string? AskName, string? AskEmail, string? AskPhone,
        int? OnlineReplyMinutes, int? OfflineReplyHours, long? EmailInboxId, long? DefaultTeamId, string? Routing = null);

    public sealed record WidgetDto(long Id, long InboxId, string Name, string PublicKey, IReadOnlyList<string> AllowedOrigins,
        string AskName, string AskEmail, string AskPhone, int OnlineReplyMinutes, int OfflineReplyHours, long? EmailInboxId,
        long? DefaultTeamId, string Routing, string Snippet);

    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/chat-widgets").RequireAuthorization(Policies.Admin);
        admin.MapGet("", async (OtklikDb db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, BaseUrl(http), ct)))
            .WithName("ListChatWidgets");
        admin.MapPost("", async (WidgetRequest r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, BaseUrl(http), clock, ct)).ToResult(d => TypedResults.Created($"/api/v1/admin/chat-widgets/{d.Id}", d)))
            .WithName("CreateChatWidget").ProducesValidationProblem();
        admin.MapPut("/{id:long}", async (long id, WidgetRequest r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, BaseUrl(http), clock, ct)).ToResult(TypedResults.Ok))
            .WithName("UpdateChatWidget").ProducesValidationProblem();
        admin.MapPost("/{id:long}/key", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
                (await RenewKeyAsync(id, db, BaseUrl(http), ct)).ToResult(TypedResults.Ok))
            .WithName("RenewChatWidgetKey");
    }

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    public static string NewKey() => "w_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string Snippet(string baseUrl, string key) =>
        $"<script src=\"{baseUrl}/widget.js\" data-inbox=\"{key}\" async></script>";

    public static async Task<List<WidgetDto>> ListAsync(OtklikDb db, string baseUrl, CancellationToken ct) =>
        (await db.ChatWidgets.Include(w => w.Inbox).OrderBy(w => w.Inbox!.Name).ToListAsync(ct)).Select(w => ToDto(w, baseUrl)).ToList();

    private static WidgetDto ToDto(ChatWidget w, string baseUrl) => new(w.Id, w.InboxId, w.Inbox!.Name, w.PublicKey, w.Origins,
        Names.Of(w.AskName), Names.Of(w.AskEmail), Names.Of(w.AskPhone), w.OnlineReplyMinutes, w.OfflineReplyHours, w.EmailInboxId,
        w.Inbox.DefaultTeamId, Names.Of(w.Routing), Snippet(baseUrl, w.PublicKey));

    public static async Task<Result<WidgetDto>> SaveAsync(long? id, WidgetRequest r, OtklikDb db, string baseUrl, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, 100);
        var origins = (r.AllowedOrigins ?? []).Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var o in origins.Where(o => !IsOrigin(o)))
            v.Add("allowedOrigins", Validation.Say($"'{o}' is not an origin like https://shop.example.", $"«{o}» — не адрес сайта вида https://shop.example."));
        if (string.Join('\n', origins).Length > 4000) v.Add("allowedOrigins", Validation.Say("Too many origins.", "Слишком много адресов."));
        var askName = Requirement(v, "askName", r.AskName);
        var askEmail = Requirement(v, "askEmail", r.AskEmail);
        var askPhone = Requirement(v, "askPhone", r.AskPhone);
        var routing = v.Enum<ChatRoutingMode>("routing", r.Routing);
        if (r.OnlineReplyMinutes is < 1 or > 240) v.Add("onlineReplyMinutes", Validation.Say("From 1 to 240 minutes.", "От 1 до 240 минут."));
        if (r.OfflineReplyHours is < 1 or > 720) v.Add("offlineReplyHours", Validation.Say("From 1 to 720 hours.", "От 1 до 720 часов."));
        if (r.EmailInboxId is { } mail && !await db.Mailboxes.AnyAsync(b => b.InboxId == mail, ct))
            v.Add("emailInboxId", Validation.Say($"Inbox {mail} has no mailbox.", $"У канала {mail} нет почтового ящика."));
        if (r.DefaultTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
            v.Add("defaultTeamId", Validation.Say($"There is no team {team}.", $"Нет команды {team}."));
        if (!v.IsValid) return v.ToError();

        var now = clock.GetUtcNow().UtcDateTime;
        var widget = id is null ? null : await db.ChatWidgets.AsTracking().Include(w => w.Inbox).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (id is not null && widget is null) return new Error.NotFound($"Chat widget {id}");
        widget ??= new ChatWidget
        {
            PublicKey = NewKey(), CreatedAt = now,
            Inbox = new Inbox { Name = r.Name!, Channel = ChannelKind.Chat, CreatedAt = now },
        };
        widget.Inbox!.Name = r.Name!.Trim();
        widget.Inbox.DefaultTeamId = r.DefaultTeamId;
        widget.AllowedOrigins = string.Join('\n', origins);
        widget.AskName = askName ?? widget.AskName;
        widget.AskEmail = askEmail ?? widget.AskEmail;
        widget.AskPhone = askPhone ?? widget.AskPhone;
        widget.OnlineReplyMinutes = r.OnlineReplyMinutes ?? widget.OnlineReplyMinutes;
        widget.OfflineReplyHours = r.OfflineReplyHours ?? widget.OfflineReplyHours;
        widget.EmailInboxId = r.EmailInboxId;
        // Left out of a request, it stays as it was (auto for a new widget).
        widget.Routing = routing ?? widget.Routing;
        if (id is null) db.ChatWidgets.Add(widget);
        await db.SaveChangesAsync(ct);
        return ToDto(widget, baseUrl);
    }

    /// <summary>A new key stops the old snippet; visitors' tokens stay valid (they name the inbox, not the key).</summary>
    public static async Task<Result<WidgetDto>> RenewKeyAsync(long id, OtklikDb db, string baseUrl, CancellationToken ct)
    {
        var widget = await db.ChatWidgets.AsTracking().Include(w => w.Inbox).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (widget is null) return new Error.NotFound($"Chat widget {id}");
        widget.PublicKey = NewKey();
        await db.SaveChangesAsync(ct);
        return ToDto(widget, baseUrl);
    }

    private static FieldRequirement? Requirement(Validation v, string field, string? value) =>
        value is null ? null : v.Enum<FieldRequirement>(field, value);

    /// <summary>scheme://host[:port] and nothing else: that is what a browser sends in Origin.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !value.EndsWith('/') && uri.UserInfo.Length == 0;
}
