using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Callbacks;

/// <summary>
/// "Callbacks due": every call task nobody has completed yet, soonest window end first, so calls
/// are made before their window closes; the ones whose window has passed are marked overdue.
/// </summary>
public static class CallbacksDue
{
    public sealed record Item(long TicketId, string Subject, string Status, long CustomerId, string CustomerName, string Phone, string PhoneDisplay,
        string TimeZone, DateTime WindowStart, DateTime WindowEnd, bool IsOverdue, int Attempts, string? LastOutcome, PersonRef? Assignee);

    public sealed record Query(bool? Overdue, int? Limit);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/callbacks", async ([AsParameters] Query q, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            {
                var limit = q.Limit ?? 100;
                if (limit is < 1 or > 500) return new Error.Invalid("limit", Validation.Say("'limit' must be between 1 and 500.", "«limit» — от 1 до 500.")).ToProblem();
                return TypedResults.Ok(await ListAsync(db, http.Caller(), clock.GetUtcNow().UtcDateTime, q.Overdue == true, limit, ct));
            })
            .WithName("ListCallbacksDue").WithSummary("Open call tasks visible to the caller, soonest window end first; overdue=true for the missed ones")
            .Produces<List<Item>>();

    private static IQueryable<CallbackRequest> Open(OtklikDb db, Caller caller) =>
        from c in db.CallbackRequests
        join t in db.Tickets.VisibleTo(db, caller) on c.TicketId equals t.Id
        where (c.LastOutcome == null || (c.LastOutcome != CallOutcome.Reached && c.LastOutcome != CallOutcome.WrongNumber))
              && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed && t.MergedIntoId == null
        select c;

    public static Task<int> CountAsync(OtklikDb db, Caller caller, CancellationToken ct) => Open(db, caller).CountAsync(ct);

    public static async Task<List<Item>> ListAsync(OtklikDb db, Caller caller, DateTime now, bool overdueOnly, int limit, CancellationToken ct)
    {
        var open = Open(db, caller);
        if (overdueOnly) open = open.Where(c => c.WindowEnd < now);
        var rows = await open.OrderBy(c => c.WindowEnd).ThenBy(c => c.TicketId).Take(limit)
            .Select(c => new
            {
                c.TicketId, c.Ticket!.Subject, c.Ticket.Status, c.Ticket.CustomerId, CustomerName = c.Ticket.Customer!.Name, c.Phone, c.TimeZone,
                c.WindowStart, c.WindowEnd, c.Attempts, c.LastOutcome, c.Ticket.AssigneeId, AssigneeName = c.Ticket.Assignee!.Name,
            }).ToListAsync(ct);
        return rows.Select(r => new Item(r.TicketId, r.Subject, Names.Of(r.Status), r.CustomerId, r.CustomerName, r.Phone, PhoneNumber.Display(r.Phone),
            r.TimeZone, r.WindowStart, r.WindowEnd, r.WindowEnd < now, r.Attempts, r.LastOutcome is { } o ? CallOutcomes.Wire(o) : null,
            r.AssigneeId is { } a ? new PersonRef(a, r.AssigneeName) : null)).ToList();
    }
}
