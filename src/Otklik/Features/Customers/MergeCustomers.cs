using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

/// <summary>
/// Two profiles of one person become one: tickets and identities move to the survivor,
/// the merged profile stays as a pointer so old references still resolve.
/// </summary>
public static class MergeCustomers
{
    public sealed record Request(long? TargetId);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/customers/{id:long}/merge", async (long id, Request r, Handler h, HttpContext http, CancellationToken ct) =>
                await h.HandleAsync(id, r, http.Caller(), ct))
            .WithName("MergeCustomer").WithSummary("Merge this customer into targetId").ProducesValidationProblem();

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<IResult> HandleAsync(long id, Request r, Caller caller, CancellationToken ct)
        {
            if (r.TargetId is not { } targetId) return new Error.Invalid("targetId", "'targetId' is required.").ToProblem();
            if (targetId == id) return new Error.Invalid("targetId", "A customer cannot be merged into themselves.").ToProblem();
            var both = await db.Customers.AsTracking().Include(c => c.Identities).Where(c => c.Id == id || c.Id == targetId).ToListAsync(ct);
            var source = both.FirstOrDefault(c => c.Id == id);
            var target = both.FirstOrDefault(c => c.Id == targetId);
            if (source is null) return new Error.NotFound($"Customer {id}").ToProblem();
            if (target is null) return new Error.NotFound($"Customer {targetId}").ToProblem();
            if (source.MergedIntoId is not null || target.MergedIntoId is not null)
                return new Error.Conflict("already_merged", "One of the customers is already merged into another.").ToProblem();

            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var identity in source.Identities.ToList())
            {
                source.Identities.Remove(identity);
                identity.CustomerId = target.Id;
                target.Identities.Add(identity);
            }
            var tickets = await db.Tickets.AsTracking().Where(t => t.CustomerId == id).ToListAsync(ct);
            foreach (var ticket in tickets)
            {
                ticket.CustomerId = target.Id;
                ticket.Record(caller.Actor, now, TimelineKinds.Changed, "customer", id.ToString(), target.Id.ToString(), "customers merged");
            }
            await db.Messages.Where(m => m.AuthorCustomerId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AuthorCustomerId, target.Id), ct);
            if (string.IsNullOrWhiteSpace(target.Name)) target.Name = source.Name;
            target.IsVip |= source.IsVip;
            target.Language ??= source.Language;
            target.TimeZone ??= source.TimeZone;
            target.OrganisationId ??= source.OrganisationId;
            source.MergedIntoId = target.Id;
            source.Touch(now);
            target.Touch(now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await db.DispatchEventsAsync(ct);
            return TypedResults.Ok(await CustomerEndpoints.LoadAsync(db, targetId, ct));
        }
    }
}
