using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>Finds the customer behind an identity, or registers a new one: one person, one profile.</summary>
public static class CustomerDirectory
{
    // Runs on every create: precompiled, so no query-cache lookup. A compiled query keeps the model it first
    // ran with, hence one per provider.
    private static Func<OtklikDb, string, CancellationToken, Task<long?>> IdentityLookup() => EF.CompileAsyncQuery(
        (OtklikDb db, string value, CancellationToken _) => db.CustomerIdentities
            .Where(i => i.Kind == IdentityKind.Email && i.Value == value).Select(i => (long?)i.CustomerId).FirstOrDefault());

    private static readonly Func<OtklikDb, string, CancellationToken, Task<long?>> PostgresIdentity = IdentityLookup(), SqliteIdentity = IdentityLookup();

    public static async Task<Customer> FindOrCreateByEmailAsync(OtklikDb db, string email, string? name, DateTime now, CancellationToken ct)
    {
        var normalized = CustomerIdentity.Normalize(IdentityKind.Email, email);
        // Look the identity up by its unique (kind, value) index first; a filter on customers would scan them.
        var customerId = await (db.IsPostgres ? PostgresIdentity : SqliteIdentity)(db, normalized, ct);
        var existing = customerId is { } id
            ? await db.Customers.AsTracking().Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == id, ct)
            : null;
        if (existing is not null)
        {
            // A merged profile forwards to the survivor.
            if (existing.MergedIntoId is { } survivor)
                return await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == survivor, ct);
            return existing;
        }
        var customer = new Customer
        {
            Name = string.IsNullOrWhiteSpace(name) ? normalized.Split('@')[0] : name.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            Identities = [new CustomerIdentity { Kind = IdentityKind.Email, Value = normalized, CreatedAt = now }],
        };
        customer.Touch(now);
        db.Customers.Add(customer);
        return customer;
    }
}
