using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

/// <summary>Related tickets (same outage, same order) point to each other; both timelines record it.</summary>
public static class LinkTickets
{
    public sealed record Request(long? LinkedId);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/tickets/{id:long}/links", async (long id, Request r, Handler h, HttpContext http, CancellationToken ct) =>
                (await h.LinkAsync(id, r.LinkedId, http.Caller(), link: true, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("LinkTicket").WithSummary("Link a related ticket").ProducesValidationProblem();
        api.MapDelete("/tickets/{id:long}/links/{linkedId:long}", async (long id, long linkedId, Handler h, HttpContext http, CancellationToken ct) =>
                (await h.LinkAsync(id, linkedId, http.Caller(), link: false, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("UnlinkTicket").WithSummary("Remove a link between tickets");
    }

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<Result<bool>> LinkAsync(long id, long? linkedId, Caller caller, bool link, CancellationToken ct)
        {
            if (linkedId is not { } other) return new Error.Invalid("linkedId", "'linkedId' is required.");
            if (other == id) return new Error.Invalid("linkedId", "A ticket cannot be linked to itself.");
            var both = await db.Tickets.AsTracking().VisibleTo(db, caller).Where(t => t.Id == id || t.Id == other).ToListAsync(ct);
            var a = both.FirstOrDefault(t => t.Id == id);
            var b = both.FirstOrDefault(t => t.Id == other);
            if (a is null) return new Error.NotFound($"Ticket {id}");
            if (b is null) return new Error.NotFound($"Ticket {other}");

            var existing = await db.TicketLinks.AsTracking()
                .Where(l => (l.TicketId == id && l.LinkedTicketId == other) || (l.TicketId == other && l.LinkedTicketId == id)).ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            if (link == existing.Count > 0) return true;
            if (link) db.TicketLinks.Add(new TicketLink { TicketId = id, LinkedTicketId = other, CreatedAt = now, CreatedByAgentId = caller.AgentId });
            else db.TicketLinks.RemoveRange(existing);
            var kind = link ? TimelineKinds.Linked : TimelineKinds.Unlinked;
            a.Record(caller.Actor, now, kind, "link", null, other.ToString());
            b.Record(caller.Actor, now, kind, "link", null, id.ToString());
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
