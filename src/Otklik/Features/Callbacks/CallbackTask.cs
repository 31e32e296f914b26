using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Callbacks;

/// <summary>The call task of a callback ticket as the agent sees it, with every attempt read back from the timeline.</summary>
public static class CallbackTask
{
    public sealed record AttemptDto(DateTime At, long? AgentId, string? AgentName, string Outcome, string? Note, DateTime? WindowStart, DateTime? WindowEnd);

    public sealed record CallbackDto(
        long TicketId, string Phone, string PhoneDisplay, string TimeZone, DateTime WindowStart, DateTime WindowEnd, DateTime DueAt,
        bool IsOpen, bool IsOverdue, int Attempts, string? LastOutcome, DateTime? ReachedAt, IReadOnlyList<AttemptDto> AttemptLog);

    public static void Map(IEndpointRouteBuilder tickets) =>
        tickets.MapGet("/tickets/{id:long}/callback", async (long id, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await GetAsync(db, http.Caller(), id, clock.GetUtcNow().UtcDateTime, ct)).ToResult(TypedResults.Ok))
            .WithName("GetCallback").WithSummary("The call task of a callback ticket: number, window, due time, attempts")
            .Produces<CallbackDto>().ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Result<CallbackDto>> GetAsync(OtklikDb db, Caller caller, long ticketId, DateTime now, CancellationToken ct)
    {
        if (!await db.Tickets.VisibleTo(db, caller).AnyAsync(t => t.Id == ticketId, ct)) return new Error.NotFound($"Ticket {ticketId}");
        var task = await db.CallbackRequests.FirstOrDefaultAsync(c => c.TicketId == ticketId, ct);
        if (task is null) return new Error.NotFound($"A callback request on ticket {ticketId}");
        var events = await db.TimelineEvents.Where(e => e.TicketId == ticketId && e.Kind == TimelineKinds.CallAttempt)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var agentIds = events.Select(e => e.ActorAgentId).OfType<long>().Distinct().ToList();
        var names = await db.Agents.Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return ToDto(task, events, names, now);
    }

    public static CallbackDto ToDto(CallbackRequest c, IEnumerable<TimelineEvent> attempts, IReadOnlyDictionary<long, string> agentNames, DateTime now) => new(
        c.TicketId, c.Phone, PhoneNumber.Display(c.Phone), c.TimeZone, c.WindowStart, c.WindowEnd, c.WindowEnd, c.IsOpen, c.IsOverdue(now),
        c.Attempts, c.LastOutcome is { } o ? CallOutcomes.Wire(o) : null, c.ReachedAt,
        attempts.Select(e =>
        {
            var moved = e.NewValue?.Split('/');
            return new AttemptDto(e.At, e.ActorAgentId, e.ActorAgentId is { } a ? agentNames.GetValueOrDefault(a) : null, e.Field ?? "", e.Note,
                moved is [var start, _] ? Parse(start) : null, moved is [_, var end] ? Parse(end) : null);
        }).ToList());

    private static DateTime? Parse(string instant) =>
        DateTime.TryParse(instant, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
