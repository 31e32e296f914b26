using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.CannedReplies;

/// <summary>A canned reply filled in for one ticket and the agent answering it; each use counts towards "most used first".</summary>
public static class RenderCannedReply
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tickets/{ticketId:long}/canned-replies/{id:long}/render",
                async (long ticketId, long id, OtklikDb db, HttpContext http, IOptions<OtklikOptions> options, CancellationToken ct) =>
                    (await HandleAsync(db, http.Caller(), ticketId, id, options.Value.CompanyName, ct)).ToResult(TypedResults.Ok))
            .WithName("RenderCannedReply").WithSummary("The canned reply's text with the ticket's customer, the caller and the company filled in")
            .Produces<RenderedReply>().ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Result<RenderedReply>> HandleAsync(OtklikDb db, Caller caller, long ticketId, long id, string companyName, CancellationToken ct)
    {
        var ticket = await db.Tickets.VisibleTo(db, caller).Where(t => t.Id == ticketId)
            .Select(t => new { t.Id, t.Subject, Customer = t.Customer!.Name }).FirstOrDefaultAsync(ct);
        if (ticket is null) return new Error.NotFound($"Ticket {ticketId}");
        var reply = await db.CannedReplies.VisibleTo(caller).Where(c => c.Id == id).Select(c => c.Body).FirstOrDefaultAsync(ct);
        if (reply is null) return new Error.NotFound($"Canned reply {id}");
        var agent = await db.Agents.Where(a => a.Id == caller.AgentId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? caller.Name;
        // One statement, so two agents inserting the same reply at once both count.
        await db.CannedReplies.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsageCount, c => c.UsageCount + 1), ct);
        return CannedReplyRenderer.Render(reply, new ReplyContext(ticket.Customer, agent, ticket.Id, ticket.Subject, companyName));
    }
}
