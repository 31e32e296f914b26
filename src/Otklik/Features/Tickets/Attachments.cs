using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

/// <summary>
/// Upload a file (multipart), then send a message with its id in attachmentIds. Downloads are
/// allowed to whoever may see the ticket, and never rendered by the browser as a page.
/// </summary>
public static class Attachments
{
    private static readonly HashSet<string> InlineTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/attachments", UploadAsync).DisableAntiforgery().WithName("UploadAttachment")
            .WithSummary("Upload a file (multipart/form-data, field 'file'); attach it by id when sending a message")
            .Produces<AttachmentDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/attachments/{id:long}", DownloadAsync).WithName("DownloadAttachment");
    }

    /// <summary>A file on its way in, from a multipart form or the workspace's file picker; opened only once it passed validation.</summary>
    public sealed record Upload(string? FileName, string? ContentType, long Length, Func<Stream> Open);

    private static async Task<IResult> UploadAsync(IFormFile? file, OtklikDb db, FileStore store, HttpContext http,
        IOptions<OtklikOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var upload = file is null ? null : new Upload(file.FileName, file.ContentType, file.Length, file.OpenReadStream);
        return (await SaveAsync(upload, http.Caller(), db, store, options.Value.MaxRequestBodyBytes, clock, ct))
            .ToResult(a => TypedResults.Created($"/api/v1/attachments/{a.Id}", a));
    }

    /// <summary>Stores the file and records it as the caller's upload, ready to be sent with their next message.</summary>
    public static async Task<Result<AttachmentDto>> SaveAsync(Upload? file, Caller caller, OtklikDb db, FileStore store,
        long maxBytes, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        if (file is null || file.Length == 0) v.Add("file", Validation.Say("Send a non-empty file in the form field 'file'.", "Выберите непустой файл."));
        var name = SafeName(file?.FileName);
        v.MaxLength("fileName", name, 255);
        if (!v.IsValid) return v.ToError();
        (string Sha256, long Size) stored;
        await using (var content = file!.Open())
        {
            try { stored = await store.SaveAsync(content, maxBytes, ct); }
            catch (FileTooLargeException e) { return new Error.Invalid("file", $"The file is larger than {e.Limit / 1024 / 1024} MB."); }
        }
        var attachment = new Attachment
        {
            FileName = name, ContentType = ContentTypeOf(file.ContentType), Size = stored.Size, Sha256 = stored.Sha256,
            UploadedByAgentId = caller.AgentId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return new AttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size);
    }

    private static async Task<IResult> DownloadAsync(long id, OtklikDb db, FileStore store, HttpContext http, CancellationToken ct)
    {
        var caller = http.Caller();
        var a = await db.Attachments.FirstOrDefaultAsync(x => x.Id == id, ct);
        var visible = a is not null && (a.MessageId is { } messageId
            ? await db.Messages.AnyAsync(m => m.Id == messageId && db.Tickets.VisibleTo(db, caller).Any(t => t.Id == m.TicketId), ct)
            : a.UploadedByAgentId == caller.AgentId);
        if (!visible) return new Error.NotFound($"Attachment {id}").ToProblem();
        var stream = store.OpenRead(a!.Sha256);
        if (stream is null) return new Error.NotFound($"The file of attachment {id}").ToProblem();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var inline = IsInline(a.ContentType);
        return TypedResults.File(stream, inline ? a.ContentType : "application/octet-stream", inline ? null : a.FileName, enableRangeProcessing: true);
    }

    /// <summary>
    /// Raster images the browser may show in place; anything else (SVG included, which can carry script)
    /// is served as a download, so the workspace only previews these.
    /// </summary>
    public static bool IsInline(string contentType) => InlineTypes.Contains(contentType);

    /// <summary>Only the name, never a path; control characters dropped.</summary>
    public static string SafeName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "file" : clean;
    }

    private static string ContentTypeOf(string? declared) =>
        string.IsNullOrWhiteSpace(declared) || declared.Length > 100 ? "application/octet-stream" : declared.ToLowerInvariant();
}
