using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Tickets;

/// <summary>Reads tickets for lists in two cheap queries: the page, then the tags and emails of that page.</summary>
public static class TicketQueries
{
    public static async Task<List<TicketSummary>> SummariesAsync(OtklikDb db, IQueryable<Ticket> page, CancellationToken ct)
    {
        var rows = await page.Select(t => new
        {
            t.Id, t.Subject, t.Status, t.Priority, t.Channel, t.CustomerId, CustomerName = t.Customer!.Name,
            t.AssigneeId, AssigneeName = t.Assignee!.Name, t.TeamId, TeamName = t.Team!.Name,
            t.CreatedAt, t.UpdatedAt, t.LastMessageAt, t.MessageCount, t.Version,
        }).ToListAsync(ct);
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.TicketTags.Where(x => ids.Contains(x.TicketId)).ToListAsync(ct))
            .ToLookup(x => x.TicketId, x => x.Name);
        var customerIds = rows.Select(r => r.CustomerId).Distinct().ToList();
        var emails = (await db.CustomerIdentities
                .Where(i => customerIds.Contains(i.CustomerId) && i.Kind == IdentityKind.Email)
                .Select(i => new { i.CustomerId, i.Value, i.Id }).ToListAsync(ct))
            .GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Id).First().Value);

        return rows.Select(r => new TicketSummary(
            r.Id, r.Id, r.Subject, Names.Of(r.Status), Names.Of(r.Priority), Names.Of(r.Channel),
            new CustomerRef(r.CustomerId, r.CustomerName, emails.GetValueOrDefault(r.CustomerId)),
            r.AssigneeId is { } a ? new PersonRef(a, r.AssigneeName) : null,
            r.TeamId is { } tm ? new PersonRef(tm, r.TeamName) : null,
            tags[r.Id].Order().ToList(), r.CreatedAt, r.UpdatedAt, r.LastMessageAt, r.MessageCount, r.Version)).ToList();
    }

    /// <summary>The full ticket with its conversation and timeline, or null when it does not exist or is not visible.</summary>
    public static async Task<TicketDetails?> DetailsAsync(OtklikDb db, Infrastructure.Auth.Caller caller, long id, CancellationToken ct)
    {
        var t = await db.Tickets.VisibleTo(db, caller).AsSplitQuery()
            .Include(x => x.Customer).ThenInclude(c => c!.Identities)
            .Include(x => x.Assignee).Include(x => x.Team).Include(x => x.Tags)
            .Include(x => x.Participants).ThenInclude(p => p.Customer).ThenInclude(c => c!.Identities)
            .Include(x => x.Messages).ThenInclude(m => m.AuthorAgent)
            .Include(x => x.Messages).ThenInclude(m => m.AuthorCustomer)
            .Include(x => x.Messages).ThenInclude(m => m.Attachments)
            .Include(x => x.Messages).ThenInclude(m => m.Email)
            .Include(x => x.Timeline)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var links = await db.TicketLinks.Where(l => l.TicketId == id).Select(l => l.LinkedTicketId)
            .Union(db.TicketLinks.Where(l => l.LinkedTicketId == id).Select(l => l.TicketId)).ToListAsync(ct);
        return ToDetails(t, links);
    }

    /// <summary>
    /// The details of a ticket whose customer (with identities), assignee, team, tags, participants,
    /// messages (with authors and attachments) and timeline are loaded; a new ticket has them in memory.
    /// </summary>
    public static TicketDetails ToDetails(Ticket t, IEnumerable<long> links)
    {
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(t.CustomFields) ?? [];
        return new TicketDetails(
            t.Id, t.Id, t.Subject, Names.Of(t.Status), Names.Of(t.Priority), Names.Of(t.Channel),
            new CustomerRef(t.CustomerId, t.Customer!.Name, t.Customer.PrimaryEmail),
            t.Assignee is null ? null : new PersonRef(t.Assignee.Id, t.Assignee.Name),
            t.Team is null ? null : new PersonRef(t.Team.Id, t.Team.Name),
            t.InboxId, t.Tags.Select(x => x.Name).Order().ToList(), fields,
            t.CreatedAt, t.UpdatedAt, t.FirstResponseAt, t.SolvedAt, t.ClosedAt, t.MergedIntoId, t.FollowUpOfId,
            links.Order().ToList(),
            t.Participants.Select(p => new CustomerRef(p.CustomerId, p.Customer!.Name, p.Customer.PrimaryEmail)).ToList(),
            t.Version,
            t.Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.ToDto()).ToList(),
            t.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.ToDto()).ToList(),
            t.UnverifiedContact);
    }
}
