using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;
using Otklik.Search;

namespace Otklik.Features.Search;

public static class SearchEverything
{
    public sealed record Hit(string Kind, long? TicketId, long? CustomerId, long? MessageId, string Title, string Snippet, string? Status, double Rank);

    public sealed record Response(string Query, IReadOnlyList<Hit> Items);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/search", async (string? q, int? limit, Handler h, HttpContext http, CancellationToken ct) =>
                (await h.HandleAsync(q, limit ?? 20, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("Search").WithSummary("Tickets, messages and customers matching all words, Russian and English word forms included")
            .Produces<Response>().ProducesValidationProblem();

    public sealed class Handler(OtklikDb db, ISearchEngine engine)
    {
        public async Task<Result<Response>> HandleAsync(string? q, int limit, Caller caller, CancellationToken ct)
        {
            var v = new Validation();
            v.Required("q", q, SearchQuery.MaxLength);
            if (limit is < 1 or > 100) v.Add("limit", Validation.Say("'limit' must be between 1 and 100.", "«limit» — от 1 до 100."));
            if (!v.IsValid) return v.ToError();

            // Ask for more than needed: some hits may be tickets the caller may not see.
            var raw = await engine.FindAsync(q!, limit * 3, ct);
            var ticketIds = raw.Where(h => h.Kind == HitKind.Ticket).Select(h => h.Id).ToList();
            var messageIds = raw.Where(h => h.Kind == HitKind.Message).Select(h => h.Id).ToList();
            var customerIds = raw.Where(h => h.Kind == HitKind.Customer).Select(h => h.Id).ToList();

            var messages = await db.Messages.Where(m => messageIds.Contains(m.Id) && m.Ticket!.MergedIntoId == null)
                .Select(m => new { m.Id, m.TicketId, m.BodyText }).ToDictionaryAsync(m => m.Id, ct);
            var allTicketIds = ticketIds.Concat(messages.Values.Select(m => m.TicketId)).Distinct().ToList();
            var tickets = await db.Tickets.VisibleTo(db, caller).Where(t => allTicketIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Subject, t.Status, t.CustomerId }).ToDictionaryAsync(t => t.Id, ct);
            // A merged profile is only a pointer to its survivor; every engine must leave it out.
            var customers = await db.Customers.Where(c => customerIds.Contains(c.Id) && c.MergedIntoId == null)
                .Select(c => new { c.Id, c.Name, Email = c.Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).FirstOrDefault() })
                .ToDictionaryAsync(c => c.Id, ct);

            var words = SearchQuery.Words(q!);
            var hits = new List<Hit>();
            foreach (var h in raw)
            {
                switch (h.Kind)
                {
                    case HitKind.Ticket when tickets.TryGetValue(h.Id, out var t):
                        hits.Add(new Hit("ticket", t.Id, t.CustomerId, null, t.Subject, t.Subject, Names.Of(t.Status), h.Rank)); break;
                    case HitKind.Message when messages.TryGetValue(h.Id, out var m) && tickets.TryGetValue(m.TicketId, out var mt):
                        hits.Add(new Hit("message", mt.Id, mt.CustomerId, m.Id, mt.Subject, Snippet.Around(m.BodyText, words), Names.Of(mt.Status), h.Rank)); break;
                    case HitKind.Customer when customers.TryGetValue(h.Id, out var c):
                        hits.Add(new Hit("customer", null, c.Id, null, c.Name, c.Email ?? "", null, h.Rank)); break;
                }
            }
            return new Response(q!, hits.Take(limit).ToList());
        }
    }
}
