using System.Net;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Files;
using Otklik.Infrastructure;

namespace Otklik.Features.Email;

/// <summary>
/// The customer's side of an upload link: a plain page (no script, works on any phone) with a
/// file field; the files become a customer message on the ticket. One use, then the link is spent.
/// </summary>
public static class UploadPage
{
    /// <summary>Larger than email usually allows: this is the way around a mail server that refused the file.</summary>
    public const long FileLimit = 50L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/upload").AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription();
        page.MapGet("/{token}", async (string token, HttpContext http, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var ru = Russian(http);
            var link = await FindAsync(db, token, clock, ct);
            return link is null ? Gone(ru) : Html(Form(ru, token));
        });
        page.MapPost("/{token}", UploadAsync).DisableAntiforgery();
    }

    private static async Task<IResult> UploadAsync(string token, HttpContext http, OtklikDb db, FileStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var ru = Russian(http);
        var link = await FindAsync(db, token, clock, ct);
        if (link is null) return Gone(ru);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var files = form?.Files.Where(f => f.Length > 0).Take(10).ToList() ?? [];
        if (files.Count == 0) return Html(Form(ru, token, ru ? "Выберите хотя бы один файл." : "Choose at least one file."), StatusCodes.Status400BadRequest);

        var now = clock.GetUtcNow().UtcDateTime;
        var ticket = await Channels.Email.EmailThreading.FollowMergesAsync(db, link.TicketId, ct);
        if (ticket is null) return Gone(ru);
        var stored = new List<Attachment>();
        foreach (var file in files)
        {
            await using var content = file.OpenReadStream();
            try
            {
                var (sha, size) = await store.SaveAsync(content, FileLimit, ct);
                stored.Add(new Attachment { FileName = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n[..Math.Min(n.Length, 255)] : "file",
                    ContentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType[..Math.Min(file.ContentType.Length, 100)],
                    Size = size, Sha256 = sha, CreatedAt = now });
            }
            catch (FileTooLargeException e)
            {
                return Html(Form(ru, token, ru ? $"Файл «{file.FileName}» больше {e.Limit / 1024 / 1024} МБ." : $"\"{file.FileName}\" is larger than {e.Limit / 1024 / 1024} MB."),
                    StatusCodes.Status413PayloadTooLarge);
            }
        }
        var names = string.Join(", ", stored.Select(a => a.FileName));
        var text = (ru ? "Файлы загружены по ссылке: " : "Files uploaded through the upload link: ") + names;
        var (target, message) = CustomerReplies.Receive(db, ticket, ticket.Customer!, text, null, now);
        message.Attachments.AddRange(stored);
        target.Record(Actor.OfCustomer(ticket.CustomerId), now, TimelineKinds.FilesUploaded, "upload_link", null, names);
        db.UploadLinks.Attach(link).State = EntityState.Unchanged;
        link.UsedAt = now;
        await db.SaveChangesAsync(ct);
        return Html(Page(ru ? "Спасибо!" : "Thank you!", ru ? $"Мы получили: {WebUtility.HtmlEncode(names)}. Обращение №{target.Id}." : $"We received: {WebUtility.HtmlEncode(names)}. Ticket {target.Id}."));
    }

    private static async Task<UploadLink?> FindAsync(OtklikDb db, string token, TimeProvider clock, CancellationToken ct)
    {
        if (token.Length is < 20 or > 100) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = UploadLinks.Hash(token);
        return await db.UploadLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, ct);
    }

    private static bool Russian(HttpContext http) => http.Request.Headers.AcceptLanguage.ToString().StartsWith("ru", StringComparison.OrdinalIgnoreCase);

    private static IResult Gone(bool ru) => Html(Page(ru ? "Ссылка недействительна" : "This link no longer works",
        ru ? "Ссылка уже использована или срок её действия истёк. Ответьте на письмо — сотрудник пришлёт новую."
           : "The link was used already or has expired. Reply to our email and we will send a new one."), StatusCodes.Status410Gone);

    private static string Form(bool ru, string token, string? error = null) => Page(ru ? "Загрузка файлов" : "Upload files",
        (error is null ? "" : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>")
        + $"<form method=\"post\" action=\"/upload/{WebUtility.HtmlEncode(token)}\" enctype=\"multipart/form-data\">"
        + $"<label for=\"files\">{(ru ? "Файлы для вашего обращения" : "Files for your request")}</label>"
        + "<input id=\"files\" name=\"files\" type=\"file\" multiple required>"
        + $"<button type=\"submit\">{(ru ? "Отправить" : "Send")}</button></form>");

    private static string Page(string title, string body) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{WebUtility.HtmlEncode(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label,input,button{display:block;margin:.6rem 0}"
        + "button{padding:.5rem 1.2rem}.error{color:#b00020}</style></head>"
        + $"<body><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>";

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
