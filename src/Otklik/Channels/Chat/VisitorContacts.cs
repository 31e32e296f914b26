using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>
/// Contact details a visitor gives in the widget. An email or phone that already belongs to a
/// customer joins the visitor to that customer (one person, one profile, whatever the channel),
/// so the agent sees the whole history and can continue by email after the visitor leaves.
/// The details are the visitor's word, not verified: identities stay unverified.
/// </summary>
public sealed class VisitorContacts(OtklikDb db, Features.Customers.CustomerMerger merger, TimeProvider clock)
{
    public sealed record Saved(string Name, string? Email, string? Phone);

    public async Task<Result<Saved>> SaveAsync(long visitorId, string? name, string? email, string? phone, CancellationToken ct)
    {
        name = name?.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        var v = new Validation();
        v.MaxLength("name", name, 200).MaxLength("email", email, 254).Email("email", email);
        var digits = phone?.Count(char.IsDigit) ?? 0;
        if (phone is not null && (digits is < 6 or > 15 || phone.Length > 30 || phone.Any(c => !char.IsDigit(c) && !" +-()".Contains(c))))
            v.Add("phone", Validation.Say("Enter a phone number of 6–15 digits.", "Введите номер телефона: от 6 до 15 цифр."));
        if (!v.IsValid) return v.ToError();

        var now = clock.GetUtcNow().UtcDateTime;
        var visitor = await db.ChatVisitors.AsTracking().Include(x => x.Customer).ThenInclude(c => c!.Identities).FirstAsync(x => x.Id == visitorId, ct);
        var customer = visitor.Customer!;
        var anonymous = customer.Identities.All(i => i.Kind == IdentityKind.ChatVisitor);
        var fresh = new List<CustomerIdentity>();
        foreach (var (kind, value) in new[] { (IdentityKind.Email, email), (IdentityKind.Phone, phone) })
        {
            if (value is null) continue;
            var normalized = CustomerIdentity.Normalize(kind, value);
            if (customer.Identities.Any(i => i.Kind == kind && i.Value == normalized)) continue;
            var owner = await db.CustomerIdentities.Where(i => i.Kind == kind && i.Value == normalized).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            // Only the visitor's own anonymous profile joins a known one: two known customers are never merged on a typed detail
            // (the second detail stays with whoever owns it).
            if (owner is { } known && customer.Id == visitor.CustomerId && customer.Identities.All(i => i.Kind == IdentityKind.ChatVisitor))
                customer = await JoinAsync(visitor, customer, known, normalized, now, ct);
            else if (owner is null)
                fresh.Add(new CustomerIdentity { Kind = kind, Value = normalized, CreatedAt = now });
        }
        // Added after any join, so the merge's audit lists only stored identities.
        customer.Identities.AddRange(fresh);
        // A visitor names an anonymous profile; a known customer's name is theirs and stays.
        if (!string.IsNullOrWhiteSpace(name) && (anonymous || customer.Name.StartsWith("Visitor ", StringComparison.Ordinal)))
            customer.Name = name;
        customer.Touch(now);
        await db.SaveChangesAsync(ct);
        return new Saved(customer.Name, customer.PrimaryEmail, customer.Identities.Where(i => i.Kind == IdentityKind.Phone).Select(i => i.Value).FirstOrDefault());
    }

    /// <summary>
    /// Joins the visitor's profile to the customer who owns the detail, as a merge with an audit entry: the
    /// conversation is marked as linked on the visitor's word (nobody verified the detail), and a supervisor who
    /// sees it was someone else can undo the merge from the customer page.
    /// </summary>
    private async Task<Customer> JoinAsync(ChatVisitor visitor, Customer from, long toId, string detail, DateTime now, CancellationToken ct)
    {
        var to = await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == toId, ct);
        if (to.MergedIntoId is { } survivor) to = await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == survivor, ct);
        if (visitor.TicketId is { } ticketId)
            (await db.Tickets.AsTracking().FirstAsync(t => t.Id == ticketId, ct)).UnverifiedContact = detail;
        await merger.MergeAsync(from, to, Actor.OfCustomer(to.Id), CustomerMerge.ByChatContact, "contact details given in chat", now, ct);
        return to;
    }
}
