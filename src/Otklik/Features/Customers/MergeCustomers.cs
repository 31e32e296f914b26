using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

/// <summary>
/// Two profiles of one person become one: tickets, identities, participants and chat visitors move to the survivor,
/// the merged profile stays as a pointer so old references still resolve, and an audit entry records what moved so
/// a supervisor can undo it. Merging and undoing are for supervisors and admins: they reshape a customer's history
/// for everyone, and a wrong merge shows one person's conversations to whoever answers the other.
/// </summary>
public static class MergeCustomers
{
    public sealed record Request(long? TargetId);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/customers/{id:long}/merge", async (long id, Request r, Handler h, HttpContext http, CancellationToken ct) =>
                await h.HandleAsync(id, r, http.Caller(), http, ct))
            .RequireAuthorization(Policies.Supervisor)
            .WithName("MergeCustomer").WithSummary("Merge this customer into targetId (supervisor); the answer is the survivor, Location names the audit entry")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/customers/{id:long}/merges/{mergeId:long}/undo", async (long id, long mergeId, Handler h, HttpContext http, CancellationToken ct) =>
                (await h.UndoAsync(id, mergeId, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Supervisor)
            .WithName("UndoCustomerMerge").WithSummary("Put back exactly what a merge moved (supervisor); 409 when something changed since")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/customers/{id:long}/merges", async (long id, OtklikDb db, CancellationToken ct) => TypedResults.Ok(await MergeAudit.OfAsync(db, id, ct)))
            .WithName("CustomerMerges").WithSummary("Merges this customer took part in, as survivor or as merged profile, newest first");
    }

    public sealed class Handler(OtklikDb db, CustomerMerger merger, TimeProvider clock)
    {
        public async Task<IResult> HandleAsync(long id, Request r, Caller caller, HttpContext http, CancellationToken ct)
        {
            if (r.TargetId is not { } targetId) return new Error.Invalid("targetId", "'targetId' is required.").ToProblem();
            var result = await MergeAsync(id, targetId, caller, ct);
            if (!result.IsOk) return result.Error!.ToProblem();
            var survivor = await CustomerEndpoints.LoadAsync(db, targetId, ct);
            http.Response.Headers.Location = $"/api/v1/customers/{targetId}/merges/{result.Value!.Id}";
            return TypedResults.Ok(survivor);
        }

        /// <summary>Shared with the workspace: merges <paramref name="id"/> into <paramref name="targetId"/>.</summary>
        public async Task<Result<MergeAudit.Entry>> MergeAsync(long id, long targetId, Caller caller, CancellationToken ct)
        {
            if (!caller.SeesAllTickets) return new Error.Forbidden("Only supervisors and admins merge customers.");
            if (targetId == id) return new Error.Invalid("targetId", "A customer cannot be merged into themselves.");
            var both = await db.Customers.AsTracking().Include(c => c.Identities).Where(c => c.Id == id || c.Id == targetId).ToListAsync(ct);
            var source = both.FirstOrDefault(c => c.Id == id);
            var target = both.FirstOrDefault(c => c.Id == targetId);
            if (source is null) return new Error.NotFound($"Customer {id}");
            if (target is null) return new Error.NotFound($"Customer {targetId}");
            if (source.MergedIntoId is not null || target.MergedIntoId is not null)
                return new Error.Conflict("already_merged", "One of the customers is already merged into another.");
            var merge = await merger.MergeAsync(source, target, caller.Actor, CustomerMerge.ByAgent, CustomerMerger.TimelineNote, Now(), ct);
            if (await SaveAsync(ct) is { } stale) return stale;
            return (await MergeAudit.OfAsync(db, targetId, ct)).First(e => e.Id == merge.Id);
        }

        public async Task<Result<MergeAudit.Entry>> UndoAsync(long customerId, long mergeId, Caller caller, CancellationToken ct)
        {
            if (!caller.SeesAllTickets) return new Error.Forbidden("Only supervisors and admins undo merges.");
            var merge = await db.CustomerMerges.AsTracking().FirstOrDefaultAsync(m => m.Id == mergeId && (m.SourceId == customerId || m.TargetId == customerId), ct);
            if (merge is null) return new Error.NotFound($"Merge {mergeId} of customer {customerId}");
            if (await merger.UndoAsync(merge, caller.Actor, Now(), ct) is { } conflict) return conflict;
            if (await SaveAsync(ct) is { } stale) return stale;
            return (await MergeAudit.OfAsync(db, customerId, ct)).First(e => e.Id == merge.Id);
        }

        private DateTime Now() => clock.GetUtcNow().UtcDateTime;

        /// <summary>Someone changed one of the customers or tickets meanwhile: nothing was written, try again.</summary>
        private async Task<Error?> SaveAsync(CancellationToken ct)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Error.Conflict("concurrent_change", "A customer or ticket changed while merging; reload and try again.");
            }
        }
    }
}
