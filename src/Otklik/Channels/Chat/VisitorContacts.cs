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
public sealed class VisitorContacts(OtklikDb db, TimeProvider clock)
{
    public sealed record Saved(string Name, string? Email, string? Phone);

    private (long TicketId, long From, long To)? _movedMessages;

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
        foreach (var (kind, value) in new[] { (IdentityKind.Email, email), (IdentityKind.Phone, phone) })
        {
            if (value is null) continue;
            var normalized = CustomerIdentity.Normalize(kind, value);
            if (customer.Identities.Any(i => i.Kind == kind && i.Value == normalized)) continue;
            var owner = await db.CustomerIdentities.Where(i => i.Kind == kind && i.Value == normalized).Select(i => (long?)i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is { } known)
                customer = await JoinAsync(visitor, customer, known, now, ct);
            else
                customer.Identities.Add(new CustomerIdentity { Kind = kind, Value = normalized, CreatedAt = now });
        }
        // A visitor names an anonymous profile; a known customer's name is theirs and stays.
        if (!string.IsNullOrWhiteSpace(name) && (anonymous || customer.Name.StartsWith("Visitor ", StringComparison.Ordinal)))
            customer.Name = name;
        customer.Touch(now);
        await db.SaveChangesAsync(ct);
        // The visitor's earlier messages follow them to the joined profile (after the save: the move is what matters).
        if (_movedMessages is var (ticketId, fromId, toId))
            await db.Messages.Where(m => m.TicketId == ticketId && m.AuthorCustomerId == fromId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AuthorCustomerId, toId), ct);
        return new Saved(customer.Name, customer.PrimaryEmail, customer.Identities.Where(i => i.Kind == IdentityKind.Phone).Select(i => i.Value).FirstOrDefault());
    }

    /// <summary>Moves the visitor, their chat identity and open conversation to the customer who owns the detail.</summary>
    private async Task<Customer> JoinAsync(ChatVisitor visitor, Customer from, long toId, DateTime now, CancellationToken ct)
    {
        var to = await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == toId, ct);
        if (to.MergedIntoId is { } survivor) to = await db.Customers.AsTracking().Include(c => c.Identities).FirstAsync(c => c.Id == survivor, ct);
        foreach (var identity in from.Identities.ToList())
        {
            from.Identities.Remove(identity);
            to.Identities.Add(identity);
        }
        visitor.Customer = to;
        if (visitor.TicketId is { } ticketId)
        {
            var ticket = await db.Tickets.AsTracking().FirstAsync(t => t.Id == ticketId, ct);
            ticket.Record(Actor.OfCustomer(to.Id), now, TimelineKinds.Changed, "customer", from.Id.ToString(), to.Id.ToString(), "contact details given in chat");
            ticket.Customer = to;
            ticket.UpdatedAt = now;
            _movedMessages = (ticketId, from.Id, to.Id);
        }
        from.Touch(now);
        return to;
    }
}
