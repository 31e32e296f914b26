using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class MergeTickets
{
    /// <summary>The ticket in the route is merged into targetId, which survives.</summary>
    public sealed record Request(long? TargetId);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tickets/{id:long}/merge", async (long id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("MergeTicket").WithSummary("Merge this ticket into another; messages and participants move to the survivor")
            .Produces<TicketDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<Result<TicketDetails>> HandleAsync(long id, Request r, Caller caller, CancellationToken ct)
        {
            if (r.TargetId is not { } targetId) return new Error.Invalid("targetId", "'targetId' is required.");
            var both = await db.Tickets.AsTracking().VisibleTo(db, caller)
                .Include(t => t.Messages).Include(t => t.Participants).Include(t => t.Tags)
                .Where(t => t.Id == id || t.Id == targetId).ToListAsync(ct);
            var source = both.FirstOrDefault(t => t.Id == id);
            var target = both.FirstOrDefault(t => t.Id == targetId);
            if (source is null) return new Error.NotFound($"Ticket {id}");
            if (target is null) return new Error.NotFound($"Ticket {targetId}");

            if (source.MergeInto(target, caller.Actor, clock.GetUtcNow().UtcDateTime) is { } error) return error;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Error.Conflict("concurrent_change", "One of the tickets changed while merging; try again.");
            }
            return (await TicketQueries.DetailsAsync(db, caller with { Role = AgentRole.Admin }, targetId, ct))!;
        }
    }
}
