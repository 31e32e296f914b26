using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>
/// Moves everything of one customer profile to another and writes down exactly what moved, so the merge can be
/// undone. Works on tracked entities: the caller's single SaveChangesAsync is the merge's transaction.
/// </summary>
public sealed class CustomerMerger(OtklikDb db)
{
    public const string TimelineNote = "customers merged";
    public const string UndoNote = "customer merge undone";

    /// <summary>Both customers tracked with their identities; neither merged already.</summary>
    public async Task<CustomerMerge> MergeAsync(Customer source, Customer target, Actor actor, string reason, string note, DateTime now, CancellationToken ct)
    {
        var before = SurvivorFields.Of(target);
        var identityIds = new List<long>();
        foreach (var identity in source.Identities.ToList())
        {
            source.Identities.Remove(identity);
            identity.CustomerId = target.Id;
            target.Identities.Add(identity);
            identityIds.Add(identity.Id);
        }
        var tickets = await Tracked(db.Tickets).Where(t => t.CustomerId == source.Id).ToListAsync(ct);
        foreach (var ticket in tickets)
        {
            ticket.Customer = target;
            ticket.CustomerId = target.Id;
            ticket.UpdatedAt = now;
            ticket.Record(actor, now, TimelineKinds.Changed, "customer", source.Id.ToString(), target.Id.ToString(), note);
        }
        var participants = new List<MovedParticipant>();
        var rows = await Tracked(db.TicketParticipants).Where(p => p.CustomerId == source.Id).ToListAsync(ct);
        var ticketIds = rows.Select(p => p.TicketId).ToList();
        var targetOn = await db.Tickets.Where(t => ticketIds.Contains(t.Id) && (t.CustomerId == target.Id || t.CustomerId == source.Id
                || db.TicketParticipants.Any(p => p.TicketId == t.Id && p.CustomerId == target.Id))).Select(t => t.Id).ToListAsync(ct);
        foreach (var row in rows)
        {
            // The key includes the customer: a moved participant is a new row. The survivor already on the ticket needs none.
            db.TicketParticipants.Remove(row);
            var dropped = targetOn.Contains(row.TicketId);
            if (!dropped) db.TicketParticipants.Add(new TicketParticipant { TicketId = row.TicketId, CustomerId = target.Id });
            participants.Add(new MovedParticipant(row.TicketId, dropped));
        }
        var messages = await Tracked(db.Messages).Where(m => m.AuthorCustomerId == source.Id).ToListAsync(ct);
        foreach (var m in messages) { m.AuthorCustomer = target; m.AuthorCustomerId = target.Id; }
        var visitors = await Tracked(db.ChatVisitors).Where(v => v.CustomerId == source.Id).ToListAsync(ct);
        foreach (var v in visitors) { v.Customer = target; v.CustomerId = target.Id; }

        if (string.IsNullOrWhiteSpace(target.Name) || IsPlaceholder(target.Name) && !IsPlaceholder(source.Name)) target.Name = source.Name;
        target.IsVip |= source.IsVip;
        target.Language ??= source.Language;
        target.TimeZone ??= source.TimeZone;
        target.OrganisationId ??= source.OrganisationId;
        source.MergedIntoId = target.Id;
        source.Touch(now);
        target.Touch(now);

        var moved = new MovedRows(tickets.Select(t => t.Id).ToList(), identityIds, participants, messages.Select(m => m.Id).ToList(),
            visitors.Select(v => v.Id).ToList(), before, SurvivorFields.Of(target));
        var merge = new CustomerMerge
        {
            SourceId = source.Id, TargetId = target.Id, MergedByAgentId = actor.AgentId, Reason = reason, MergedAt = now,
            Moved = JsonSerializer.Serialize(moved, Json),
        };
        db.CustomerMerges.Add(merge);
        return merge;
    }

    /// <summary>Puts back what the merge moved, or says what changed since and blocks the undo.</summary>
    public async Task<Error?> UndoAsync(CustomerMerge merge, Actor actor, DateTime now, CancellationToken ct)
    {
        if (merge.UndoneAt is not null) return new Error.Conflict("already_undone", $"Merge {merge.Id} was already undone.");
        var moved = Read(merge);
        var both = await Tracked(db.Customers).Include(c => c.Identities).Where(c => c.Id == merge.SourceId || c.Id == merge.TargetId).ToListAsync(ct);
        var source = both.First(c => c.Id == merge.SourceId);
        var target = both.First(c => c.Id == merge.TargetId);
        if (source.MergedIntoId != target.Id)
            return new Error.Conflict("undo_conflict", $"Customer {source.Id} is no longer merged into {target.Id}.");
        if (target.MergedIntoId is { } later)
            return new Error.Conflict("undo_conflict", $"Customer {target.Id} was itself merged into {later} since; undo that merge first.");

        var tickets = await Tracked(db.Tickets).Where(t => moved.TicketIds.Contains(t.Id)).ToListAsync(ct);
        var conflicts = tickets.Where(t => t.CustomerId != target.Id).Select(t => $"ticket #{t.Id} now belongs to customer {t.CustomerId}").ToList();
        conflicts.AddRange(moved.TicketIds.Except(tickets.Select(t => t.Id)).Select(id => $"ticket #{id} no longer exists"));
        var identities = target.Identities.Where(i => moved.IdentityIds.Contains(i.Id)).ToList();
        conflicts.AddRange(moved.IdentityIds.Except(identities.Select(i => i.Id)).Select(id => $"identity {id} was removed from customer {target.Id} or moved"));
        var movedRows = moved.Participants.Where(p => !p.Dropped).Select(p => p.TicketId).ToList();
        var participantRows = await Tracked(db.TicketParticipants).Where(p => p.CustomerId == target.Id && movedRows.Contains(p.TicketId)).ToListAsync(ct);
        conflicts.AddRange(movedRows.Except(participantRows.Select(p => p.TicketId)).Select(id => $"customer {target.Id} is no longer a participant of ticket #{id}"));
        if (conflicts.Count > 0)
            return new Error.Conflict("undo_conflict", "The merge cannot be undone exactly because things changed since: " + string.Join("; ", conflicts) + ".");

        foreach (var identity in identities)
        {
            target.Identities.Remove(identity);
            identity.CustomerId = source.Id;
            source.Identities.Add(identity);
        }
        foreach (var ticket in tickets)
        {
            ticket.Customer = source;
            ticket.CustomerId = source.Id;
            ticket.UpdatedAt = now;
            ticket.Record(actor, now, TimelineKinds.Changed, "customer", target.Id.ToString(), source.Id.ToString(), UndoNote);
        }
        db.TicketParticipants.RemoveRange(participantRows);
        var sourceOn = moved.Participants.Select(p => p.TicketId).Distinct().ToList();
        var already = await db.TicketParticipants.Where(p => p.CustomerId == source.Id && sourceOn.Contains(p.TicketId)).Select(p => p.TicketId).ToListAsync(ct);
        foreach (var ticketId in sourceOn.Except(already)) db.TicketParticipants.Add(new TicketParticipant { TicketId = ticketId, CustomerId = source.Id });
        var messages = await Tracked(db.Messages).Where(m => moved.MessageIds.Contains(m.Id) && m.AuthorCustomerId == target.Id).ToListAsync(ct);
        foreach (var m in messages) { m.AuthorCustomer = source; m.AuthorCustomerId = source.Id; }
        var visitors = await Tracked(db.ChatVisitors).Where(v => moved.VisitorIds.Contains(v.Id) && v.CustomerId == target.Id).ToListAsync(ct);
        foreach (var v in visitors) { v.Customer = source; v.CustomerId = source.Id; }

        // The survivor's own fields go back only where nobody changed them after the merge.
        var (b, a) = (moved.Before, moved.After);
        if (target.Name == a.Name) target.Name = b.Name;
        if (target.IsVip == a.IsVip) target.IsVip = b.IsVip;
        if (target.Language == a.Language) target.Language = b.Language;
        if (target.TimeZone == a.TimeZone) target.TimeZone = b.TimeZone;
        if (target.OrganisationId == a.OrganisationId) target.OrganisationId = b.OrganisationId;
        source.MergedIntoId = null;
        source.Touch(now);
        target.Touch(now);
        merge.UndoneAt = now;
        merge.UndoneByAgentId = actor.AgentId;
        return null;
    }

    public static MovedRows Read(CustomerMerge merge) => JsonSerializer.Deserialize<MovedRows>(merge.Moved, Json)!;

    /// <summary>Chat visitors start as "Visitor 1a2b3c": a real name from the other profile is better.</summary>
    public static bool IsPlaceholder(string name) => name.StartsWith("Visitor ", StringComparison.Ordinal);

    private static IQueryable<T> Tracked<T>(DbSet<T> set) where T : class => set.AsTracking();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
