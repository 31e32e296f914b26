using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

/// <summary>
/// Background work that is waiting or gave up (a webhook whose receiver kept failing):
/// visible to admins, and retried on demand once the cause is fixed. Nothing fails silently.
/// </summary>
public static class OutboxAdmin
{
    public sealed record OutboxItem(long Id, string Type, int Attempts, string? LastError, DateTime CreatedAt, DateTime AvailableAt, DateTime? FailedAt);

    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/outbox").RequireAuthorization(Policies.Admin);
        admin.MapGet("", ListAsync).WithName("ListOutbox").WithSummary("state=failed (default) or pending: background work not done yet");
        admin.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryOutbox").WithSummary("Queue a failed item again, from attempt 1");
    }

    private static async Task<IResult> ListAsync(string? state, OtklikDb db, CancellationToken ct)
    {
        if (state is not (null or "failed" or "pending"))
            return new Error.Invalid("state", "'state' is 'failed' or 'pending'.").ToProblem();
        var failed = state != "pending";
        var items = await db.Outbox.Where(o => o.ProcessedAt == null && (o.FailedAt != null) == failed)
            .OrderByDescending(o => o.Id).Take(200)
            .Select(o => new OutboxItem(o.Id, o.Type, o.Attempts, o.LastError, o.CreatedAt, o.AvailableAt, o.FailedAt)).ToListAsync(ct);
        return TypedResults.Ok(items);
    }

    private static async Task<IResult> RetryAsync(long id, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Outbox.Where(o => o.Id == id && o.FailedAt != null && o.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.FailedAt, (DateTime?)null).SetProperty(o => o.Attempts, 0)
                .SetProperty(o => o.AvailableAt, now).SetProperty(o => o.LockedUntil, (DateTime?)null), ct);
        return updated > 0 ? TypedResults.NoContent() : new Error.NotFound($"Failed outbox item {id}").ToProblem();
    }
}
