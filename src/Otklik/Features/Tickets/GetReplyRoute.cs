using Microsoft.EntityFrameworkCore;
using Otklik.Channels;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

/// <summary>How a public reply on the ticket would travel, asked before writing it: the workspace shows it above Send.</summary>
public static class GetReplyRoute
{
    /// <param name="Way">email, chat, integration or none.</param>
    /// <param name="Problem">Why there is no way: no_customer_email or no_mailbox.</param>
    /// <param name="ReplyMailbox">The email goes from the inbox's reply mailbox, not a mailbox of its own.</param>
    public sealed record ReplyRouteDto(string Way, string? To, bool ToVerified, string? From, bool ReplyMailbox, string? Problem, string Text);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tickets/{id:long}/reply-route", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
                (await HandleAsync(db, http.Caller(), id, ct)).ToResult(TypedResults.Ok))
            .WithName("GetReplyRoute").WithSummary("How a public reply on the ticket reaches the customer, or why it cannot")
            .Produces<ReplyRouteDto>().ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Result<ReplyRouteDto>> HandleAsync(OtklikDb db, Caller caller, long id, CancellationToken ct)
    {
        var ticket = await db.Tickets.VisibleTo(db, caller).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return new Error.NotFound($"Ticket {id}");
        var route = await ReplyRoutes.DecideAsync(db, ticket, ct);
        return new ReplyRouteDto(route.Way.ToString().ToLowerInvariant(), route.To, route.ToVerified, route.From,
            route.ThroughReplyMailbox, route.Problem, route.Describe(ReaderLanguage.IsRussian));
    }
}
