using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// Which ticket an inbound email continues: first by its In-Reply-To/References against the
/// Message-IDs we stored or sent, then by the ticket token in the subject ("[#1234]"), else none
/// (a new ticket). Merged tickets forward to their survivor.
/// </summary>
public static class EmailThreading
{
    public static async Task<Ticket?> FindTicketAsync(OtklikDb db, long inboxId, ParsedEmail mail, CancellationToken ct)
    {
        var ids = new List<string>();
        if (mail.InReplyTo is { Length: > 0 } inReplyTo) ids.Add(inReplyTo);
        // The newest reference is the most specific one.
        ids.AddRange(mail.References.Reverse().Where(r => r.Length > 0 && r != mail.InReplyTo).Take(50));
        long? ticketId = null;
        if (ids.Count > 0)
        {
            var hits = await db.Messages.Where(m => m.ExternalId != null && ids.Contains(m.ExternalId))
                .Select(m => new { m.ExternalId, m.TicketId }).ToListAsync(ct);
            ticketId = ids.Select(id => hits.FirstOrDefault(h => h.ExternalId == id)?.TicketId).FirstOrDefault(t => t is not null);
        }
        if (ticketId is null && TicketToken.Find(mail.Subject) is { } number)
        {
            // A token only threads mail from someone the ticket knows: a stranger quoting "[#12]" gets a new ticket.
            var sender = mail.From?.Address is { } a ? CustomerIdentity.Normalize(IdentityKind.Email, a) : null;
            var known = sender is not null && await db.Tickets.AnyAsync(t => t.Id == number &&
                (db.CustomerIdentities.Any(i => i.CustomerId == t.CustomerId && i.Kind == IdentityKind.Email && i.Value == sender)
                 || db.TicketParticipants.Any(p => p.TicketId == t.Id &&
                        db.CustomerIdentities.Any(i => i.CustomerId == p.CustomerId && i.Kind == IdentityKind.Email && i.Value == sender))), ct);
            if (known) ticketId = number;
        }
        if (ticketId is null) return null;
        return await FollowMergesAsync(db, ticketId.Value, ct);
    }

    /// <summary>The ticket, or the survivor it was merged into; loaded for adding a customer message.</summary>
    public static async Task<Ticket?> FollowMergesAsync(OtklikDb db, long id, CancellationToken ct)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var ticket = await db.Tickets.AsTracking().Include(t => t.Customer).Include(t => t.Tags).Include(t => t.Participants)
                .FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket?.MergedIntoId is not { } next) return ticket;
            id = next;
        }
        return null;
    }
}
