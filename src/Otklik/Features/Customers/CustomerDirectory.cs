using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>Finds the customer behind an identity, or registers a new one: one person, one profile.</summary>
public static class CustomerDirectory
{
    // Runs on every create: precompiled, so no query-cache lookup. A compiled query keeps the model it first
    // ran with, hence one per provider.
    private static Func<OtklikDb, IdentityKind, string, CancellationToken, Task<long?>> IdentityLookup() => EF.CompileAsyncQuery(
        (OtklikDb db, IdentityKind kind, string value, CancellationToken _) => db.CustomerIdentities
            .Where(i => i.Kind == kind && i.Value == value).Select(i => (long?)i.CustomerId).FirstOrDefault());

    private static readonly Func<OtklikDb, IdentityKind, string, CancellationToken, Task<long?>> PostgresIdentity = IdentityLookup(), SqliteIdentity = IdentityLookup();

    /// <param name="verified">The person wrote from this address (the email channel's sender): the identity is marked verified.</param>
    public static async Task<Customer> FindOrCreateByEmailAsync(OtklikDb db, string email, string? name, DateTime now, CancellationToken ct, bool verified = false)
    {
        var customer = await FindOrCreateAsync(db, email, null, name, now, ct);
        if (verified)
        {
            var value = CustomerIdentity.Normalize(IdentityKind.Email, email);
            if (customer.Identities.FirstOrDefault(i => i.Kind == IdentityKind.Email && i.Value == value) is { Verified: false } identity)
                identity.Verified = true;
        }
        return customer;
    }

    public static async Task<Customer> FindOrCreateByPhoneAsync(OtklikDb db, string phone, string? name, DateTime now, CancellationToken ct) =>
        await FindOrCreateAsync(db, null, phone, name, now, ct);

    /// <summary>
    /// The customer behind an email and/or a phone. The email decides when there is one (it is where we answer);
    /// the phone otherwise. A phone given with a known email is added to that profile when nobody else has it,
    /// so the next call from it finds the same person.
    /// </summary>
    public static async Task<Customer> FindOrCreateAsync(OtklikDb db, string? email, string? phone, string? name, DateTime now, CancellationToken ct)
    {
        if (email is null && phone is null) throw new ArgumentException("An email or a phone is needed to find a customer.");
        var emailValue = email is null ? null : CustomerIdentity.Normalize(IdentityKind.Email, email);
        var phoneValue = phone is null ? null : CustomerIdentity.Normalize(IdentityKind.Phone, phone);
        var existing = emailValue is not null
            ? await FindAsync(db, IdentityKind.Email, emailValue, ct)
            : await FindAsync(db, IdentityKind.Phone, phoneValue!, ct);
        if (existing is not null)
        {
            if (phoneValue is not null && emailValue is not null && existing.Identities.All(i => i.Kind != IdentityKind.Phone || i.Value != phoneValue)
                && await OwnerAsync(db, IdentityKind.Phone, phoneValue, ct) is null)
            {
                existing.Identities.Add(new CustomerIdentity { Kind = IdentityKind.Phone, Value = phoneValue, CreatedAt = now });
                existing.Touch(now);
            }
            return existing;
        }
        var customer = new Customer
        {
            Name = !string.IsNullOrWhiteSpace(name) ? name.Trim() : emailValue?.Split('@')[0] ?? PhoneNumber.Display(phoneValue!),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (emailValue is not null) customer.Identities.Add(new CustomerIdentity { Kind = IdentityKind.Email, Value = emailValue, CreatedAt = now });
        // A phone someone else already has stays off the new profile: the unique identity belongs to them.
        if (phoneValue is not null && (emailValue is null || await OwnerAsync(db, IdentityKind.Phone, phoneValue, ct) is null))
            customer.Identities.Add(new CustomerIdentity { Kind = IdentityKind.Phone, Value = phoneValue, CreatedAt = now });
        customer.Touch(now);
        db.Customers.Add(customer);
        return customer;
    }

    private static Task<long?> OwnerAsync(OtklikDb db, IdentityKind kind, string value, CancellationToken ct) =>
        (db.IsPostgres ? PostgresIdentity : SqliteIdentity)(db, kind, value, ct);

    private static async Task<Customer?> FindAsync(OtklikDb db, IdentityKind kind, string normalized, CancellationToken ct)
    {
        // Look the identity up by its unique (kind, value) index first; a filter on customers would scan them.
        var customerId = await OwnerAsync(db, kind, normalized, ct);
        var existing = customerId is { } id
            ? await db.Customers.AsTracking().Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == id, ct)
            : null;
        // A merged profile forwards to the survivor.
        if (existing?.MergedIntoId is { } survivor)
            return await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == survivor, ct);
        return existing;
    }
}
