using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Customers;

/// <summary>
/// Profiles that are probably the same person, with the reason for each suggestion. Only suggestions: nothing is
/// merged until a supervisor says so, and a dismissed pair is never suggested again (for anyone).
/// </summary>
public static class DuplicateCustomers
{
    public static class Reasons
    {
        public const string SameEmailOtherForm = "same_email_other_form";
        public const string SamePhoneOtherForm = "same_phone_other_form";
        public const string SameNameSameOrganisation = "same_name_same_organisation";
        public const string SameNameSameEmailDomain = "same_name_same_email_domain";
        public const string SameNameOtherChannel = "same_name_other_channel";
    }

    public sealed record Reason(string Code, string Detail);
    public sealed record Suggestion(CustomerDto Customer, IReadOnlyList<Reason> Reasons);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/customers/{id:long}/duplicates", async (long id, OtklikDb db, CancellationToken ct) =>
                await FindAsync(db, id, ct) is { } list ? TypedResults.Ok(list) : new Error.NotFound($"Customer {id}").ToProblem())
            .WithName("CustomerDuplicates").WithSummary("Likely duplicates of this customer, each with the reasons");
        api.MapPost("/customers/{id:long}/duplicates/{otherId:long}/dismiss", async (long id, long otherId, OtklikDb db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
                (await DismissAsync(db, id, otherId, http.Caller(), clock.GetUtcNow().UtcDateTime, ct)) is { } error ? error.ToProblem() : TypedResults.NoContent())
            .WithName("DismissCustomerDuplicate").WithSummary("Not the same person: never suggest this pair again");
    }

    /// <summary>Null when the customer does not exist; empty for a merged profile (its identities live on the survivor).</summary>
    public static async Task<List<Suggestion>?> FindAsync(OtklikDb db, long id, CancellationToken ct)
    {
        var me = await db.Customers.Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (me is null) return null;
        if (me.MergedIntoId is not null) return [];
        var reasons = new Dictionary<long, List<Reason>>();
        void Add(long customerId, string code, string detail)
        {
            if (!reasons.TryGetValue(customerId, out var list)) reasons[customerId] = list = [];
            if (list.All(r => r.Code != code)) list.Add(new Reason(code, detail));
        }

        var keys = me.Identities.Select(i => i.MatchKey).OfType<string>().ToList();
        if (keys.Count > 0)
        {
            var alike = await db.CustomerIdentities.Where(i => i.MatchKey != null && keys.Contains(i.MatchKey) && i.CustomerId != id)
                .Select(i => new { i.CustomerId, i.Kind, i.Value, i.MatchKey }).Take(50).ToListAsync(ct);
            foreach (var other in alike)
            {
                var mine = me.Identities.First(i => i.MatchKey == other.MatchKey).Value;
                Add(other.CustomerId, other.Kind == IdentityKind.Phone ? Reasons.SamePhoneOtherForm : Reasons.SameEmailOtherForm, $"{mine} ~ {other.Value}");
            }
        }

        var name = me.Name.Trim();
        if (name.Length >= 3 && !CustomerMerger.IsPlaceholder(name))
        {
            var key = IdentityMatch.NameKey(name);
            var namesakes = await db.Customers.Include(c => c.Identities)
                .Where(c => c.Id != id && c.MergedIntoId == null && c.Name.ToLower().Replace("ё", "е").Trim() == key).Take(50).ToListAsync(ct);
            var myDomains = BusinessDomains(me);
            var myKinds = Kinds(me);
            foreach (var c in namesakes)
            {
                if (me.OrganisationId is { } org && c.OrganisationId == org) Add(c.Id, Reasons.SameNameSameOrganisation, name);
                if (BusinessDomains(c).Intersect(myDomains).FirstOrDefault() is { } domain) Add(c.Id, Reasons.SameNameSameEmailDomain, domain);
                var theirs = Kinds(c);
                if (myKinds.Count > 0 && theirs.Count > 0 && !myKinds.Overlaps(theirs))
                    Add(c.Id, Reasons.SameNameOtherChannel, $"{string.Join('+', myKinds.Select(Names.Of))} / {string.Join('+', theirs.Select(Names.Of))}");
            }
        }
        if (reasons.Count == 0) return [];

        var ids = reasons.Keys.ToList();
        var dismissed = await db.DuplicateDismissals.Where(d => (d.CustomerId == id && ids.Contains(d.OtherCustomerId)) || (d.OtherCustomerId == id && ids.Contains(d.CustomerId)))
            .Select(d => d.CustomerId == id ? d.OtherCustomerId : d.CustomerId).ToListAsync(ct);
        ids = ids.Except(dismissed).ToList();
        var found = new List<Suggestion>();
        foreach (var otherId in ids)
            if (await CustomerEndpoints.LoadAsync(db, otherId, ct) is { MergedIntoId: null } dto)
                found.Add(new Suggestion(dto, reasons[otherId]));
        // Strongest evidence first: the same contact in another spelling beats a shared name.
        return found.OrderBy(s => s.Reasons.Min(r => Strength(r.Code))).ThenByDescending(s => s.Reasons.Count).ThenBy(s => s.Customer.Id).ToList();
    }

    public static async Task<Error?> DismissAsync(OtklikDb db, long id, long otherId, Caller caller, DateTime now, CancellationToken ct)
    {
        if (id == otherId) return new Error.Invalid("otherId", "A customer is not a duplicate of themselves.");
        var existing = await db.Customers.Where(c => c.Id == id || c.Id == otherId).Select(c => c.Id).ToListAsync(ct);
        if (!existing.Contains(id)) return new Error.NotFound($"Customer {id}");
        if (!existing.Contains(otherId)) return new Error.NotFound($"Customer {otherId}");
        var (low, high) = DuplicateDismissal.Pair(id, otherId);
        if (await db.DuplicateDismissals.AnyAsync(d => d.CustomerId == low && d.OtherCustomerId == high, ct)) return null;
        db.DuplicateDismissals.Add(new DuplicateDismissal { CustomerId = low, OtherCustomerId = high, DismissedByAgentId = caller.AgentId, DismissedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Dismissed by someone else at the same moment: the pair is dismissed, which is what was asked.
            db.ChangeTracker.Clear();
            if (!await db.DuplicateDismissals.AnyAsync(d => d.CustomerId == low && d.OtherCustomerId == high, ct)) throw;
        }
        return null;
    }

    private static int Strength(string code) => code switch
    {
        Reasons.SameEmailOtherForm or Reasons.SamePhoneOtherForm => 0,
        Reasons.SameNameSameOrganisation or Reasons.SameNameSameEmailDomain => 1,
        _ => 2,
    };

    private static HashSet<string> BusinessDomains(Customer c) => c.Identities.Where(i => i.Kind == IdentityKind.Email)
        .Select(i => IdentityMatch.DomainOf(i.Value)).OfType<string>().Where(d => !IdentityMatch.FreeMailDomains.Contains(d)).ToHashSet();

    private static HashSet<IdentityKind> Kinds(Customer c) => c.Identities.Select(i => i.Kind).ToHashSet();
}
