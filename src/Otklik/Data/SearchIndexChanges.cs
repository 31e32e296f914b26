using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Otklik.Domain;

namespace Otklik.Data;

/// <summary>The searchable rows touched by one SaveChanges; read back after ids are assigned.</summary>
public sealed class SearchIndexChanges
{
    public List<Ticket> Tickets { get; } = [];
    public List<Message> Messages { get; } = [];
    public List<Customer> Customers { get; } = [];
    /// <summary>Rows inserted by this save: they have no index entry to replace yet.</summary>
    public HashSet<object> Added { get; } = new(ReferenceEqualityComparer.Instance);

    public bool IsEmpty => Tickets.Count == 0 && Messages.Count == 0 && Customers.Count == 0;

    public static SearchIndexChanges Collect(ChangeTracker tracker)
    {
        var changes = new SearchIndexChanges();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State == EntityState.Added) changes.Added.Add(entry.Entity);
            switch (entry.Entity)
            {
                case Ticket t when Touched(entry, nameof(Ticket.Subject)): changes.Tickets.Add(t); break;
                case Message m when Touched(entry, nameof(Message.BodyText)): changes.Messages.Add(m); break;
                case Customer c when Touched(entry, nameof(Customer.SearchText)): changes.Customers.Add(c); break;
            }
        }
        return changes;
    }

    private static bool Touched(EntityEntry entry, string property) =>
        entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(property).IsModified);
}
