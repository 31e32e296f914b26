using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class GetTicket
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tickets/{id:long}", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
            {
                var ticket = await TicketQueries.DetailsAsync(db, http.Caller(), id, ct);
                if (ticket is null) return new Error.NotFound($"Ticket {id}").ToProblem();
                http.Response.Headers.ETag = $"\"{ticket.Version}\"";
                return TypedResults.Ok(ticket);
            })
            .WithName("GetTicket").WithSummary("A ticket with its messages and timeline")
            .Produces<TicketDetails>().ProducesProblem(StatusCodes.Status404NotFound);
}
