using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Email;

public sealed record InboundEmailDto(long Id, long InboxId, string Source, string? SourceUid, string? MessageId, string? From, string? Subject,
    long Size, string Status, string? Error, long? TicketId, long? MessageRef, int Attempts, DateTime ReceivedAt, DateTime? ProcessedAt);

public sealed record ConvertRequest(string? CustomerEmail);

/// <summary>
/// The inbound ledger for admins: what arrived, and above all what was quarantined or
/// ignored, with the raw message, a retry (after a fix) and "make a ticket of it anyway".
/// </summary>
public static class InboundEmailAdmin
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/inbound-emails").RequireAuthorization(Policies.Admin).WithTags("Email");
        admin.MapGet("", ListAsync).WithName("ListInboundEmails").WithSummary("Newest first; filter by status (processed, quarantined, ignored) and inboxId");
        admin.MapGet("/{id:long}/raw", RawAsync).WithName("DownloadInboundEmail");
        admin.MapPost("/{id:long}/retry", async (long id, OtklikDb db, EmailIngestion ingestion, CancellationToken ct) =>
            (await RetryAsync(id, db, ingestion, ct)).ToResult(TypedResults.Ok)).WithName("RetryInboundEmail");
        admin.MapPost("/{id:long}/convert", ConvertAsync).WithName("ConvertInboundEmail").ProducesValidationProblem();
    }

    private static async Task<IResult> ListAsync(string? status, long? inboxId, long? before, int? limit, OtklikDb db, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.Enum<InboundEmailStatus>("status", status);
        if (!v.IsValid) return v.ToError().ToProblem();
        return TypedResults.Ok(await QueryAsync(db, wanted, inboxId, before, limit ?? 50, ct));
    }

    /// <summary>One page, newest first; <paramref name="before"/> is the last id of the previous page. The workspace's quarantine page uses this too.</summary>
    public static async Task<List<InboundEmailDto>> QueryAsync(OtklikDb db, InboundEmailStatus? status, long? inboxId, long? before, int limit, CancellationToken ct)
    {
        var q = db.InboundEmails.AsQueryable();
        if (status is { } s) q = q.Where(x => x.Status == s);
        if (inboxId is { } inbox) q = q.Where(x => x.InboxId == inbox);
        if (before is { } cursor) q = q.Where(x => x.Id < cursor);
        var rows = await q.OrderByDescending(x => x.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    private static async Task<IResult> RawAsync(long id, OtklikDb db, FileStore files, CancellationToken ct)
    {
        var row = await db.InboundEmails.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null || files.OpenRead(row.RawSha256) is not { } stream) return new Error.NotFound($"Inbound email {id}").ToProblem();
        return TypedResults.File(stream, "message/rfc822", $"inbound-{id}.eml");
    }

    /// <summary>Runs the stored raw message through ingestion again; the row as it is afterwards.</summary>
    public static async Task<Result<InboundEmailDto>> RetryAsync(long id, OtklikDb db, EmailIngestion ingestion, CancellationToken ct)
    {
        var row = await db.InboundEmails.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return new Error.NotFound($"Inbound email {id}");
        if (row.Status == InboundEmailStatus.Processed && row.MessageId is not null)
            return new Error.Conflict("already_processed", $"Inbound email {id} is already message {row.MessageId} on ticket #{row.TicketId}.");
        var mailbox = await db.Mailboxes.Include(b => b.Inbox).FirstOrDefaultAsync(b => b.InboxId == row.InboxId, ct);
        if (mailbox is null) return new Error.Conflict("no_mailbox", "The inbox of this email has no mailbox any more.");
        await ingestion.RetryAsync(row, mailbox, ct);
        return ToDto(await db.InboundEmails.FirstAsync(x => x.Id == id, ct));
    }

    private static async Task<IResult> ConvertAsync(long id, ConvertRequest? r, HttpContext http, OtklikDb db, QuarantineConversion conversion, CancellationToken ct)
    {
        var result = await conversion.ConvertAsync(id, r?.CustomerEmail, http.Caller(), ct);
        return result.IsOk ? TypedResults.Ok(ToDto(await db.InboundEmails.FirstAsync(x => x.Id == id, ct))) : result.Error!.ToProblem();
    }

    internal static InboundEmailDto ToDto(InboundEmail x) => new(x.Id, x.InboxId, x.Source, x.SourceUid, x.MessageIdHeader, x.FromAddress, x.Subject,
        x.Size, Names.Of(x.Status), LedgerTexts.Read(x.Error, ReaderLanguage.IsRussian), x.TicketId, x.MessageId, x.Attempts, x.ReceivedAt, x.ProcessedAt);
}
