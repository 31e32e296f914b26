using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Channels.Email;

/// <summary>
/// POST /api/v1/mail/inbound/{inboxId}: an MTA (a Postfix pipe transport, a provider's inbound
/// webhook) hands over one raw RFC 822 message, authenticated by the inbox's secret in
/// X-Otklik-Inbox-Secret. 2xx means stored (even if quarantined): the MTA may forget it.
/// 5xx or 429 means "try again later", which every MTA does.
/// </summary>
public static class InboundPipe
{
    public const string Path = "/api/v1/mail/inbound";
    public const string SecretHeader = "X-Otklik-Inbox-Secret";

    public sealed record Accepted(string Outcome, long? InboundEmailId, long? TicketId, string? Detail);

    public static void Map(IEndpointRouteBuilder root) =>
        root.MapPost("/mail/inbound/{inboxId:long}", ReceiveAsync).AllowAnonymous().DisableAntiforgery()
            .RequireRateLimiting(RateLimits.InboundMail).WithTags("Email")
            .WithName("ReceiveRawEmail").WithSummary("Hand over one raw RFC 822 message (body) for an email inbox, authenticated by the inbox secret")
            .Produces<Accepted>(StatusCodes.Status202Accepted).Produces<Accepted>().ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> ReceiveAsync(long inboxId, HttpContext http, OtklikDb db, MailConnections connections,
        EmailIngestion ingestion, InboundQueue queue, CancellationToken ct)
    {
        var mailbox = await db.Mailboxes.Include(b => b.Inbox).FirstOrDefaultAsync(b => b.InboxId == inboxId && b.IsActive, ct);
        var given = http.Request.Headers[SecretHeader].ToString();
        // Unknown inbox and wrong secret look the same from outside: no probing for inbox ids.
        if (mailbox is null || given.Length == 0 || !SameSecret(given, connections.Unprotect(mailbox.PipeSecretProtected)))
            return TypedResults.Problem($"Unknown inbox or wrong {SecretHeader}.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

        // Sized by Content-Length (the body limit has already refused anything larger), so a large message is neither
        // copied while the buffer grows nor copied once more at the end.
        using var buffer = new MemoryStream((int)Math.Clamp(http.Request.ContentLength ?? 0, 0, Array.MaxLength));
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0)
            return new Error.Invalid("body", "Send the raw message (RFC 822) as the request body.").ToProblem();
        var raw = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();

        // Kept and parsed here, on the request's thread; the queue only does the database work, in groups.
        var record = await ingestion.KeepAsync(mailbox, raw, "pipe", null, ct);
        ParsedEmail? parsed;
        try { parsed = InboundMailParser.Parse(raw); }
        catch (Exception) { parsed = null; }
        IngestResult result;
        try { result = await queue.SubmitAsync(new PendingMail(mailbox, raw, record, parsed)); }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return TypedResults.Problem("This node is stopping; deliver the message again.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again");
        }
        var accepted = new Accepted(Names.Of(result.Outcome), result.InboundEmailId, result.TicketId, LedgerTexts.Read(result.Detail, ReaderLanguage.IsRussian));
        return result.Outcome == IngestOutcome.Duplicate ? TypedResults.Ok(accepted) : TypedResults.Accepted((string?)null, accepted);
    }

    private static bool SameSecret(string given, string? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
