using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Files;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Email;

/// <summary>The original .eml of an inbound message, for whoever may see its ticket.</summary>
public static class MessageSource
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tickets/{id:long}/messages/{messageId:long}/eml", DownloadAsync).WithTags("Tickets")
            .WithName("DownloadMessageSource").WithSummary("The raw email (message/rfc822) an inbound message was made from");

    private static async Task<IResult> DownloadAsync(long id, long messageId, HttpContext http, OtklikDb db, FileStore files, CancellationToken ct)
    {
        var visible = await db.Tickets.VisibleTo(db, http.Caller()).AnyAsync(t => t.Id == id, ct);
        var sha = visible
            // The message may have moved with a merge: it is checked where it is now, not where it arrived.
            ? await db.InboundEmails.Where(x => x.MessageId == messageId && db.Messages.Any(m => m.Id == messageId && m.TicketId == id))
                .Select(x => x.RawSha256).FirstOrDefaultAsync(ct)
            : null;
        if (sha is null || files.OpenRead(sha) is not { } stream) return new Error.NotFound($"The original email of message {messageId}").ToProblem();
        return TypedResults.File(stream, "message/rfc822", $"ticket-{id}-message-{messageId}.eml");
    }
}
