using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

/// <summary>
/// Every conversation of a customer on every channel, newest first: tickets they opened and tickets they were copied
/// on, so whoever answers sees what the customer already told us and the customer never has to repeat it.
/// </summary>
public static class CustomerHistory
{
    /// <param name="Role">"requester" or "participant" (copied on an email).</param>
    /// <param name="AnsweredByEmail">A chat the visitor had left: the reply went out by email (the chat channel's follow-up).</param>
    public sealed record Conversation(
        long Id, long Number, string Subject, string Status, string Channel, string Role, DateTime CreatedAt, DateTime LastMessageAt,
        int MessageCount, string? UnverifiedContact, bool AnsweredByEmail, long? MergedIntoId);

    /// <param name="Hidden">Conversations of this customer in teams the caller does not see: they exist, ask a colleague.</param>
    public sealed record Page(IReadOnlyList<Conversation> Items, int Hidden);

    public const int Limit = 200;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/customers/{id:long}/history", async (long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
                await OfAsync(db, http.Caller(), id, ct) is { } page ? TypedResults.Ok(page) : new Error.NotFound($"Customer {id}").ToProblem())
            .WithName("CustomerHistory").WithSummary("Every conversation of the customer on every channel, newest first");

    public static async Task<Page?> OfAsync(OtklikDb db, Caller caller, long customerId, CancellationToken ct)
    {
        // A merged profile's history is the survivor's.
        var customer = await db.Customers.Where(c => c.Id == customerId).Select(c => new { c.Id, c.MergedIntoId }).FirstOrDefaultAsync(ct);
        if (customer is null) return null;
        var id = customer.MergedIntoId ?? customer.Id;
        var all = db.Tickets.Where(t => t.CustomerId == id || db.TicketParticipants.Any(p => p.TicketId == t.Id && p.CustomerId == id));
        var visible = all.VisibleTo(db, caller);
        var rows = await visible.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id).Take(Limit)
            .Select(t => new
            {
                t.Id, t.Subject, t.Status, t.Channel, t.CustomerId, t.CreatedAt, t.LastMessageAt, t.MessageCount, t.UnverifiedContact, t.MergedIntoId,
                ByEmail = t.Timeline.Any(e => e.Kind == TimelineKinds.NoticeSent && e.Field == "chat_by_email"),
            }).ToListAsync(ct);
        var hidden = caller.SeesAllTickets ? 0 : await all.CountAsync(ct) - await visible.CountAsync(ct);
        return new Page(rows.Select(r => new Conversation(r.Id, r.Id, r.Subject, Names.Of(r.Status), Names.Of(r.Channel),
            r.CustomerId == id ? "requester" : "participant", r.CreatedAt, r.LastMessageAt, r.MessageCount, r.UnverifiedContact, r.ByEmail, r.MergedIntoId)).ToList(), hidden);
    }
}
