using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

public static class CustomerEndpoints
{
    public sealed record ListQuery(string? Q, int? Limit, int? Offset);
    public sealed record CreateRequest(string? Name, string? Email, string? Phone, string? Language, string? TimeZone, long? OrganisationId, bool? IsVip);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/customers", ListAsync).WithName("ListCustomers").WithSummary("Customers by name, email or phone");
        api.MapGet("/customers/{id:long}", GetAsync).WithName("GetCustomer").WithSummary("A customer with identities");
        api.MapGet("/customers/{id:long}/tickets", TicketsAsync).WithName("CustomerTickets").WithSummary("Every ticket of a customer, newest first");
        api.MapPost("/customers", CreateAsync).WithName("CreateCustomer").ProducesValidationProblem();
        api.MapPatch("/customers/{id:long}", async (long id, JsonElement body, UpdateCustomer.Handler h, HttpContext http, CancellationToken ct) =>
                (await h.HandleAsync(id, body, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("UpdateCustomer").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync([AsParameters] ListQuery q, OtklikDb db, CancellationToken ct) =>
        TypedResults.Ok(await FindAsync(db, q, ct));

    /// <summary>Shared with the workspace's customer list.</summary>
    public static async Task<List<CustomerDto>> FindAsync(OtklikDb db, ListQuery q, CancellationToken ct)
    {
        var limit = Math.Clamp(q.Limit ?? 50, 1, 200);
        var customers = db.Customers.Where(c => c.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var term = q.Q.Trim().ToLowerInvariant();
            customers = customers.Where(c => c.Name.ToLower().Contains(term) || c.Identities.Any(i => i.Value.Contains(term)));
        }
        var page = await customers.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(Math.Max(0, q.Offset ?? 0)).Take(limit)
            .Include(c => c.Identities).Include(c => c.Organisation).AsSplitQuery().ToListAsync(ct);
        var ids = page.Select(c => c.Id).ToList();
        var counts = await db.Tickets.Where(t => ids.Contains(t.CustomerId)).GroupBy(t => t.CustomerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return page.Select(c => c.ToDto(counts.GetValueOrDefault(c.Id))).ToList();
    }

    public static async Task<CustomerDto?> LoadAsync(OtklikDb db, long id, CancellationToken ct)
    {
        var c = await db.Customers.Include(x => x.Identities).Include(x => x.Organisation).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c?.ToDto(await db.Tickets.CountAsync(t => t.CustomerId == id, ct));
    }

    private static async Task<IResult> GetAsync(long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
        await LoadAsync(db, id, ct) is { } dto ? TypedResults.Ok(dto) : new Error.NotFound($"Customer {id}").ToProblem();

    private static async Task<IResult> TicketsAsync(long id, OtklikDb db, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await TicketsOfAsync(db, http.Caller(), id, ct));

    public static Task<List<TicketSummary>> TicketsOfAsync(OtklikDb db, Caller caller, long customerId, CancellationToken ct) =>
        TicketQueries.SummariesAsync(db, db.Tickets.VisibleTo(db, caller).Where(t => t.CustomerId == customerId)
            .OrderByDescending(t => t.LastMessageAt).Take(100), ct);

    private static async Task<IResult> CreateAsync(CreateRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, TicketLimits.Name);
        if (r.Email is null && r.Phone is null) v.Add("email", Validation.Say("Give an email or a phone, so the customer can be found again.", "Укажите email или телефон, чтобы клиента можно было найти снова."));
        v.Email("email", r.Email).MaxLength("phone", r.Phone, 32).MaxLength("language", r.Language, 8).MaxLength("timeZone", r.TimeZone, 64);
        if (r.Phone is not null && r.Phone.Count(char.IsDigit) is < 5 or > 15) v.Add("phone", Validation.Say($"'{r.Phone}' is not a phone number.", $"«{r.Phone}» — не номер телефона."));
        if (r.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _)) v.Add("timeZone", Validation.Say($"'{r.TimeZone}' is not a known time zone.", $"Часовой пояс «{r.TimeZone}» неизвестен."));
        if (!v.IsValid) return v.ToError().ToProblem();

        var now = clock.GetUtcNow().UtcDateTime;
        var identities = new List<CustomerIdentity>();
        if (r.Email is not null) identities.Add(new() { Kind = IdentityKind.Email, Value = CustomerIdentity.Normalize(IdentityKind.Email, r.Email), CreatedAt = now });
        if (r.Phone is not null) identities.Add(new() { Kind = IdentityKind.Phone, Value = CustomerIdentity.Normalize(IdentityKind.Phone, r.Phone), CreatedAt = now });
        foreach (var identity in identities)
        {
            var owner = await db.CustomerIdentities.Where(i => i.Kind == identity.Kind && i.Value == identity.Value).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is not null)
                return new Error.Conflict("identity_taken", $"{identity.Value} already belongs to customer {owner}.").ToProblem();
        }
        var customer = new Customer
        {
            Name = r.Name!.Trim(), Language = r.Language, TimeZone = r.TimeZone, OrganisationId = r.OrganisationId,
            IsVip = r.IsVip ?? false, CreatedAt = now, Identities = identities,
        };
        customer.Touch(now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", await LoadAsync(db, customer.Id, ct));
    }
}
