using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.CannedReplies;

/// <summary>
/// The agent's library of canned replies: shared ones plus their own. Anyone keeps personal replies; the shared
/// library is the supervisors' (403 for others). Another agent's personal reply reads as not found.
/// </summary>
public static class CannedReplyEndpoints
{
    public sealed record CannedReplyDto(
        long Id, string Title, string Body, bool Shared, long? OwnerAgentId, int UsageCount, long CreatedById, DateTime CreatedAt,
        long UpdatedById, DateTime UpdatedAt, bool CanEdit, IReadOnlyList<string> UnknownVariables);

    /// <summary>Create: title and body required. Update: a null field stays as it is.</summary>
    public sealed record CannedReplyRequest(string? Title, string? Body, bool? Shared);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/canned-replies", async (string? q, OtklikDb db, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, http.Caller(), q, ct)))
            .WithName("ListCannedReplies").WithSummary("Shared canned replies and the caller's own, most used first; q searches title and body");
        api.MapPost("/canned-replies", async (CannedReplyRequest r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await CreateAsync(db, http.Caller(), r, clock.GetUtcNow().UtcDateTime, ct)).ToResult(d => TypedResults.Created($"/api/v1/canned-replies/{d.Id}", d)))
            .WithName("CreateCannedReply").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPatch("/canned-replies/{id:long}", async (long id, CannedReplyRequest r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                (await UpdateAsync(db, http.Caller(), id, r, clock.GetUtcNow().UtcDateTime, ct)).ToResult(TypedResults.Ok))
            .WithName("UpdateCannedReply").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/canned-replies/{id:long}", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
                (await DeleteAsync(db, http.Caller(), id, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("DeleteCannedReply").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Everything the caller may insert: never another agent's personal replies.</summary>
    public static IQueryable<CannedReply> VisibleTo(this IQueryable<CannedReply> replies, Caller caller) =>
        replies.Where(c => c.OwnerAgentId == null || c.OwnerAgentId == caller.AgentId);

    public static bool MayManageShared(Caller caller) => caller.Role >= AgentRole.Supervisor;

    public static async Task<List<CannedReplyDto>> ListAsync(OtklikDb db, Caller caller, string? q, CancellationToken ct)
    {
        var replies = db.CannedReplies.VisibleTo(caller);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            replies = replies.Where(c => c.Title.ToLower().Contains(term) || c.Body.ToLower().Contains(term));
        }
        var found = await replies.OrderByDescending(c => c.UsageCount).ThenBy(c => c.Id).Take(500).ToListAsync(ct);
        return found.Select(c => ToDto(c, caller)).ToList();
    }

    public static async Task<Result<CannedReplyDto>> CreateAsync(OtklikDb db, Caller caller, CannedReplyRequest r, DateTime now, CancellationToken ct)
    {
        if (r.Shared == true && !MayManageShared(caller)) return SharedIsForSupervisors();
        var v = new Validation();
        v.Required("title", r.Title, CannedReply.TitleLimit);
        v.Required("body", r.Body, CannedReply.BodyLimit);
        if (!v.IsValid) return v.ToError();
        var reply = new CannedReply
        {
            Title = r.Title!.Trim(), Body = r.Body!, OwnerAgentId = r.Shared == true ? null : caller.AgentId,
            CreatedById = caller.AgentId, CreatedAt = now, UpdatedById = caller.AgentId, UpdatedAt = now,
        };
        db.CannedReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        return ToDto(reply, caller);
    }

    public static async Task<Result<CannedReplyDto>> UpdateAsync(OtklikDb db, Caller caller, long id, CannedReplyRequest r, DateTime now, CancellationToken ct)
    {
        var reply = await db.CannedReplies.AsTracking().VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (reply is null) return NotFound(id);
        // Sharing, unsharing and touching a shared reply all change what every agent inserts.
        if ((reply.IsShared || r.Shared == true) && !MayManageShared(caller)) return SharedIsForSupervisors();
        var v = new Validation();
        if (r.Title is not null) v.Required("title", r.Title, CannedReply.TitleLimit);
        if (r.Body is not null) v.Required("body", r.Body, CannedReply.BodyLimit);
        if (!v.IsValid) return v.ToError();
        if (r.Title is not null) reply.Title = r.Title.Trim();
        if (r.Body is not null) reply.Body = r.Body;
        if (r.Shared is { } shared && shared != reply.IsShared) reply.OwnerAgentId = shared ? null : caller.AgentId;
        reply.UpdatedById = caller.AgentId;
        reply.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return ToDto(reply, caller);
    }

    public static async Task<Result<bool>> DeleteAsync(OtklikDb db, Caller caller, long id, CancellationToken ct)
    {
        var reply = await db.CannedReplies.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (reply is null) return NotFound(id);
        if (reply.IsShared && !MayManageShared(caller)) return SharedIsForSupervisors();
        await db.CannedReplies.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        return true;
    }

    public static CannedReplyDto ToDto(CannedReply c, Caller caller) => new(
        c.Id, c.Title, c.Body, c.IsShared, c.OwnerAgentId, c.UsageCount, c.CreatedById, c.CreatedAt, c.UpdatedById, c.UpdatedAt,
        !c.IsShared || MayManageShared(caller), CannedReplyRenderer.UnknownIn(c.Body));

    private static Error.NotFound NotFound(long id) => new($"Canned reply {id}");

    private static Error.Forbidden SharedIsForSupervisors() => new(Validation.Say(
        "Only a supervisor or an admin can create, change or delete shared canned replies.",
        "Создавать, менять и удалять общие шаблоны может только супервизор или администратор."));
}
