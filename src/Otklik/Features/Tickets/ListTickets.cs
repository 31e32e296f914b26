using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class ListTickets
{
    /// <summary>assignee: an agent id, "me" or "none". status: one status, or several separated by commas.</summary>
    public sealed record Query(string? Status, string? Assignee, long? Team, string? Tag, long? Customer, string? Priority, string? Cursor, int? Limit);

    public sealed record Page(IReadOnlyList<TicketSummary> Items, string? NextCursor);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tickets", async ([AsParameters] Query q, Handler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(q, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("ListTickets").WithSummary("Tickets visible to the caller, most recent activity first")
            .Produces<Page>().ProducesValidationProblem();

    public sealed class Handler(OtklikDb db)
    {
        public async Task<Result<Page>> HandleAsync(Query q, Caller caller, CancellationToken ct)
        {
            var v = new Validation();
            var limit = q.Limit ?? 50;
            if (limit is < 1 or > 200) v.Add("limit", Validation.Say("'limit' must be between 1 and 200.", "«limit» — от 1 до 200."));
            var filtered = Filter(db.Tickets.VisibleTo(db, caller), q, caller, v);
            var cursor = q.Cursor is null ? null : DecodeCursor(q.Cursor);
            if (q.Cursor is not null && cursor is null) v.Add("cursor", Validation.Say("'cursor' is not a cursor this API returned.", "Такой курсор API не выдавал."));
            if (!v.IsValid) return v.ToError();

            if (cursor is var (at, id))
                filtered = filtered.Where(t => t.LastMessageAt < at || (t.LastMessageAt == at && t.Id < id));
            var page = filtered.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).Take(limit + 1);
            var items = await TicketQueries.SummariesAsync(db, page, ct);
            string? next = null;
            if (items.Count > limit)
            {
                items.RemoveAt(limit);
                next = EncodeCursor(items[^1].LastMessageAt, items[^1].Id);
            }
            return new Page(items, next);
        }
    }

    /// <summary>Shared with the workspace views and their live counts.</summary>
    public static IQueryable<Ticket> Filter(IQueryable<Ticket> tickets, Query q, Caller caller, Validation v)
    {
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var statuses = new List<TicketStatus>();
            foreach (var s in q.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (v.Enum<TicketStatus>("status", s) is { } st) statuses.Add(st);
            tickets = statuses.Count == 1 ? tickets.Where(t => t.Status == statuses[0]) : tickets.Where(t => statuses.Contains(t.Status));
        }
        if (v.Enum<TicketPriority>("priority", q.Priority) is { } p) tickets = tickets.Where(t => t.Priority == p);
        switch (q.Assignee)
        {
            case null or "": break;
            case "me": tickets = tickets.Where(t => t.AssigneeId == caller.AgentId); break;
            case "none": tickets = tickets.Where(t => t.AssigneeId == null); break;
            default:
                if (long.TryParse(q.Assignee, out var a)) tickets = tickets.Where(t => t.AssigneeId == a);
                else v.Add("assignee", Validation.Say("'assignee' is an agent id, 'me' or 'none'.", "«assignee» — это id сотрудника, «me» или «none»."));
                break;
        }
        if (q.Team is { } team) tickets = tickets.Where(t => t.TeamId == team);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            var tag = TicketTag.Normalize(q.Tag);
            tickets = tickets.Where(t => t.Tags.Any(x => x.Name == tag));
        }
        if (q.Customer is { } c) tickets = tickets.Where(t => t.CustomerId == c);
        return tickets.Where(t => t.MergedIntoId == null);
    }

    private static string EncodeCursor(DateTime at, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.Ticks}:{id}")).TrimEnd('=');

    private static (DateTime At, long Id)? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.PadRight(cursor.Length + (4 - cursor.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && long.TryParse(parts[1], out var id)
                   && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
                ? (new DateTime(ticks, DateTimeKind.Utc), id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
