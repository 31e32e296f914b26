using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Views;

/// <summary>The inbox sidebar: built-in views, the agent's own and shared saved views, each with a live count.</summary>
public static class TicketViews
{
    public sealed record ViewDto(string Key, string Name, ListTickets.Query Filter, int Count, bool Custom, bool Shared);
    public sealed record SaveRequest(string? Name, string? Status, string? Priority, string? Assignee, long? Team, string? Tag, bool? Shared);

    public static readonly (string Key, ListTickets.Query Filter)[] BuiltIn =
    [
        ("mine", new("new,open,pending,on-hold", "me", null, null, null, null, null, null)),
        ("unassigned", new("new,open", "none", null, null, null, null, null, null)),
        ("open", new("new,open", null, null, null, null, null, null, null)),
        ("pending", new("pending,on-hold", null, null, null, null, null, null, null)),
        ("solved", new("solved", null, null, null, null, null, null, null)),
    ];

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/views", async (OtklikDb db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, http.Caller(), ct)))
            .WithName("ListViews").WithSummary("Views with the number of tickets in each");
        api.MapPost("/views", async (SaveRequest r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(db, http.Caller(), r, clock.GetUtcNow().UtcDateTime, ct)).ToResult(v => TypedResults.Created($"/api/v1/views/{v.Key}", v)))
            .WithName("SaveView").ProducesValidationProblem();
        api.MapDelete("/views/{id:long}", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
            (await DeleteAsync(db, http.Caller(), id, ct)).ToResult(_ => TypedResults.NoContent())).WithName("DeleteView");
    }

    /// <summary>An agent removes their own views; shared ones only an admin. Anything else reads as not found.</summary>
    public static async Task<Result<bool>> DeleteAsync(OtklikDb db, Caller caller, long id, CancellationToken ct)
    {
        var deleted = await db.SavedViews.Where(v => v.Id == id && (v.AgentId == caller.AgentId || (v.AgentId == null && caller.IsAdmin)))
            .ExecuteDeleteAsync(ct);
        return deleted > 0 ? true : new Error.NotFound($"View {id}");
    }

    public static async Task<List<ViewDto>> ListAsync(OtklikDb db, Caller caller, CancellationToken ct)
    {
        var views = new List<ViewDto>();
        foreach (var (key, filter) in BuiltIn)
            views.Add(new ViewDto(key, key, filter, await CountAsync(db, caller, filter, ct), false, true));
        var saved = await db.SavedViews.Where(v => v.AgentId == caller.AgentId || v.AgentId == null).OrderBy(v => v.Position).ThenBy(v => v.Id).ToListAsync(ct);
        foreach (var s in saved)
        {
            var filter = ToQuery(s);
            views.Add(new ViewDto(s.Id.ToString(), s.Name, filter, await CountAsync(db, caller, filter, ct), true, s.AgentId is null));
        }
        return views;
    }

    public static ListTickets.Query ToQuery(SavedView s) =>
        new(s.Status, s.UnassignedOnly ? "none" : s.AssigneeId?.ToString(), s.TeamId, s.Tag, null, s.Priority, null, null);

    public static Task<int> CountAsync(OtklikDb db, Caller caller, ListTickets.Query filter, CancellationToken ct) =>
        ListTickets.Filter(db.Tickets.VisibleTo(db, caller), filter, caller, new Validation()).CountAsync(ct);

    public static async Task<Result<ViewDto>> SaveAsync(OtklikDb db, Caller caller, SaveRequest r, DateTime now, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, 60);
        if (r.Shared == true && !caller.IsAdmin) v.Add("shared", Validation.Say("Only an admin can share a view with everyone.", "Делиться представлением со всеми может только администратор."));
        var view = new SavedView
        {
            AgentId = r.Shared == true ? null : caller.AgentId, Name = r.Name?.Trim() ?? "", Status = r.Status, Priority = r.Priority,
            UnassignedOnly = r.Assignee == "none", AssigneeId = r.Assignee == "me" ? caller.AgentId : long.TryParse(r.Assignee, out var a) ? a : null,
            TeamId = r.Team, Tag = r.Tag, CreatedAt = now,
        };
        if (r.Assignee is not (null or "" or "me" or "none") && view.AssigneeId is null) v.Add("assignee", Validation.Say("'assignee' is an agent id, 'me' or 'none'.", "«assignee» — это id сотрудника, «me» или «none»."));
        ListTickets.Filter(db.Tickets, ToQuery(view), caller, v);
        if (!v.IsValid) return v.ToError();
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return new ViewDto(view.Id.ToString(), view.Name, ToQuery(view), await CountAsync(db, caller, ToQuery(view), ct), true, view.AgentId is null);
    }
}
