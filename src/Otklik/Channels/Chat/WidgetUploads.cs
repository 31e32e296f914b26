using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;

namespace Otklik.Channels.Chat;

/// <summary>
/// Files from the widget: one per request (the widget shows its own progress bar), images and
/// common documents up to <see cref="FileLimit"/>; anything else is refused with a message the
/// visitor can act on. A stored file becomes a visitor message with the attachment. The visitor
/// may download files of their own conversation only.
/// </summary>
public static class WidgetUploads
{
    /// <summary>Under the request body limit (10 MB) with room for the multipart envelope.</summary>
    public const long FileLimit = 8L * 1024 * 1024;

    public static readonly string[] Extensions =
        [".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt", ".csv", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".zip"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/files", UploadAsync);
        api.MapGet("/files/{id:long}", DownloadAsync);
    }

    private static IResult Refused(int status, string code, string english, string russian, bool ru) =>
        TypedResults.Problem(ru ? russian : english, statusCode: status, title: "File refused",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    private static async Task<IResult> UploadAsync(string key, HttpContext http, OtklikDb db, VisitorSessions sessions, VisitorConversation conversation,
        ChatLimits limits, FileStore store, TimeProvider clock, CancellationToken ct)
    {
        var widget = await WidgetEndpoints.FindAsync(db, key, ct);
        if (widget is null) return WidgetEndpoints.UnknownWidget();
        if (!WidgetEndpoints.OriginAllowed(http, widget)) return WidgetEndpoints.OriginRefused();
        var visitor = await sessions.ResolveAsync(widget, http.Request.Headers[WidgetEndpoints.TokenHeader], ct);
        if (visitor is null) return TypedResults.Problem("The visitor token is missing or no longer valid; start a new session.", statusCode: StatusCodes.Status401Unauthorized);
        var ru = (visitor.Language ?? "").StartsWith("ru", StringComparison.Ordinal);
        if (!await limits.TryMessageAsync(visitor.Id, http.Connection.RemoteIpAddress?.ToString()))
            return Refused(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many messages; wait a minute.", "Слишком много сообщений, подождите минуту.", ru);
        if (!http.Request.HasFormContentType) return Refused(StatusCodes.Status400BadRequest, "no_file", "Choose a file.", "Выберите файл.", ru);
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.FirstOrDefault(f => f.Length > 0);
        if (file is null) return Refused(StatusCodes.Status400BadRequest, "no_file", "Choose a file.", "Выберите файл.", ru);
        var name = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n[..Math.Min(n.Length, 255)] : "file";
        var type = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType[..Math.Min(file.ContentType.Length, 100)];
        if (!Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()) || Email.DangerousFiles.IsDangerous(name, type))
            return Refused(StatusCodes.Status415UnsupportedMediaType, "file_type",
                $"\"{name}\" cannot be sent here. Images, PDF, text, office documents and ZIP are accepted.",
                $"Файл «{name}» нельзя отправить в чат. Подойдут изображения, PDF, текст, офисные документы и ZIP.", ru);
        if (file.Length > FileLimit)
            return TooLarge(name, ru);

        (string Sha, long Size) saved;
        await using (var content = file.OpenReadStream())
        {
            try { saved = await store.SaveAsync(content, FileLimit, ct); }
            catch (FileTooLargeException) { return TooLarge(name, ru); }
        }
        var attachment = new Attachment { FileName = name, ContentType = type, Size = saved.Size, Sha256 = saved.Sha, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var clientId = form["clientId"].ToString();
        var result = await conversation.SendAsync(visitor.Id, clientId, form["text"].ToString(), [attachment], ct);
        return result.Value is { } message ? TypedResults.Ok(message)
            : TypedResults.Problem(result.Error!.Detail, statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult TooLarge(string name, bool ru) => Refused(StatusCodes.Status413PayloadTooLarge, "file_too_large",
        $"\"{name}\" is larger than {FileLimit / 1024 / 1024} MB.", $"Файл «{name}» больше {FileLimit / 1024 / 1024} МБ.", ru);

    /// <summary>
    /// The token comes in a header, as for every other widget call: a URL with it would end up in access logs,
    /// proxies and the browser's history. The widget fetches the file and shows it from a blob.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string key, long id, HttpContext http, OtklikDb db, VisitorSessions sessions,
        FileStore store, CancellationToken ct)
    {
        var widget = await WidgetEndpoints.FindAsync(db, key, ct);
        if (widget is null) return WidgetEndpoints.UnknownWidget();
        if (!WidgetEndpoints.OriginAllowed(http, widget)) return WidgetEndpoints.OriginRefused();
        var who = await sessions.ResolveAsync(widget, http.Request.Headers[WidgetEndpoints.TokenHeader], ct);
        if (who?.TicketId is not { } ticketId) return TypedResults.NotFound();
        var file = await db.Attachments.Where(a => a.Id == id && db.Messages.Any(m => m.Id == a.MessageId && m.TicketId == ticketId && m.Kind != MessageKind.Note))
            .FirstOrDefaultAsync(ct);
        var stream = file is null ? null : store.OpenRead(file.Sha256);
        if (file is null || stream is null) return TypedResults.NotFound();
        var image = file.ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        // The answer depends on a header, so no shared or browser cache may hand it to another visitor.
        http.Response.Headers.CacheControl = "private, no-store";
        // Anything but a plain image is downloaded, never rendered on our origin.
        return image ? TypedResults.Stream(stream, file.ContentType) : TypedResults.Stream(stream, "application/octet-stream", file.FileName);
    }
}
