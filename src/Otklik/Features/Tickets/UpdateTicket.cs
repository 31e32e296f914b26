using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Admin;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class UpdateTicket
{
    private static readonly string[] Fields = ["subject", "status", "priority", "assigneeId", "teamId", "tags", "customFields", "version"];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPatch("/tickets/{id:long}", async (long id, JsonElement body, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(id, body, IfMatch(http), http.Caller(), ct);
                if (result.IsOk) http.Response.Headers.ETag = $"\"{result.Value!.Version}\"";
                return result.ToResult(TypedResults.Ok);
            })
            .WithName("UpdateTicket")
            .WithSummary("Change fields of a ticket. Send the version you saw (If-Match or 'version'); a stale one gets 409.")
            .Produces<TicketDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

    private static int? IfMatch(HttpContext http) =>
        int.TryParse(http.Request.Headers.IfMatch.ToString().Trim('"', 'W', '/'), out var v) ? v : null;

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<Result<TicketDetails>> HandleAsync(long id, JsonElement body, int? ifMatch, Caller caller, CancellationToken ct)
        {
            var v = new Validation();
            var patch = new JsonPatchBody(body, v);
            patch.OnlyKnown(Fields);
            if (!v.IsValid) return v.ToError();
            var version = ifMatch ?? (int?)patch.Long("version");

            var ticket = await db.Tickets.AsTracking().VisibleTo(db, caller).Include(t => t.Tags)
                .FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null) return new Error.NotFound($"Ticket {id}");
            if (version is { } seen && seen != ticket.Version) return new Error.Stale(ticket.Version);
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = caller.Actor;

            if (patch.Has("subject") && v.Required("subject", patch.String("subject"), TicketLimits.Subject).IsValid)
                ticket.Rename(patch.String("subject")!, actor, now);
            if (patch.Has("priority") && v.Enum<TicketPriority>("priority", patch.String("priority") ?? "") is { } p)
                ticket.ChangePriority(p, actor, now);
            if (patch.Has("assigneeId"))
            {
                var agentId = patch.Long("assigneeId");
                var agent = agentId is null ? null : await db.Agents.AsTracking().FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct);
                if (agentId is not null && agent is null) v.Add("assigneeId", Validation.Say($"There is no active agent {agentId}.", $"Нет активного сотрудника {agentId}."));
                else ticket.Assign(agent, actor, now);
            }
            if (patch.Has("teamId"))
            {
                var teamId = patch.Long("teamId");
                var team = teamId is null ? null : await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
                if (teamId is not null && team is null) v.Add("teamId", Validation.Say($"There is no team {teamId}.", $"Нет команды {teamId}."));
                else ticket.MoveToTeam(team, actor, now);
            }
            if (patch.Has("tags") && patch.Strings("tags") is { } tags)
            {
                foreach (var tag in tags) v.Required("tags", tag, TicketLimits.Tag);
                if (v.IsValid) ticket.SetTags(tags, actor, now);
            }
            if (patch.Object("customFields") is { } input)
            {
                var current = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ticket.CustomFields) ?? [];
                var changes = await CustomFieldValues.ApplyAsync(db, input, current, v, ct);
                var json = JsonSerializer.Serialize(current);
                foreach (var (key, (old, @new)) in changes) ticket.SetCustomField(key, old, @new, json, actor, now);
            }
            if (patch.Has("status") && v.Enum<TicketStatus>("status", patch.String("status") ?? "") is { } s
                && ticket.ChangeStatus(s, actor, now) is { } statusError)
                return statusError;
            if (!v.IsValid) return v.ToError();

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await db.Tickets.Where(t => t.Id == id).Select(t => t.Version).FirstAsync(ct);
                return new Error.Stale(current);
            }
            return (await TicketQueries.DetailsAsync(db, caller with { Role = AgentRole.Admin }, id, ct))!;
        }
    }
}
