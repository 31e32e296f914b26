using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>Finds the customer behind an identity, or registers a new one: one person, one profile.</summary>
public static class CustomerDirectory
{
    public static async Task<Customer> FindOrCreateByEmailAsync(OtklikDb db, string email, string? name, DateTime now, CancellationToken ct)
    {
        var normalized = CustomerIdentity.Normalize(IdentityKind.Email, email);
        // Look the identity up by its unique (kind, value) index first; a filter on customers would scan them.
        var customerId = await db.CustomerIdentities.Where(i => i.Kind == IdentityKind.Email && i.Value == normalized)
            .Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
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
