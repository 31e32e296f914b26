using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Email;

public sealed record UploadLinkDto(string Url, DateTime ExpiresAt);

/// <summary>
/// "The file did not arrive": instead of asking the customer to send it again, the agent gets
/// a one-time link (valid a week) to paste into the reply; what the customer uploads there
/// lands on the ticket. Only a hash of the token is stored.
/// </summary>
public static class UploadLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tickets/{id:long}/upload-links", CreateAsync).WithTags("Tickets").WithName("CreateUploadLink")
            .WithSummary("A one-time link the customer can use to upload files straight onto this ticket")
            .Produces<UploadLinkDto>(StatusCodes.Status201Created);

    private static async Task<IResult> CreateAsync(long id, HttpContext http, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
        (await IssueAsync(db, http.Caller(), id, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}", clock, ct))
            .ToResult(link => TypedResults.Created(link.Url, link));

    /// <summary>Makes a link for a ticket the caller may see; the workspace's button uses this too.</summary>
    public static async Task<Result<UploadLinkDto>> IssueAsync(OtklikDb db, Caller caller, long ticketId, string baseUrl, TimeProvider clock, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsTracking().VisibleTo(db, caller).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return new Error.NotFound($"Ticket {ticketId}");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow().UtcDateTime;
        var link = new UploadLink { TicketId = ticketId, TokenHash = Hash(token), CreatedByAgentId = caller.AgentId, CreatedAt = now, ExpiresAt = now + Lifetime };
        db.UploadLinks.Add(link);
        ticket.Record(caller.Actor, now, TimelineKinds.UploadLink, "upload_link", null, link.ExpiresAt.ToString("O"));
        await db.SaveChangesAsync(ct);
        return new UploadLinkDto($"{baseUrl.TrimEnd('/')}/upload/{token}", link.ExpiresAt);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
