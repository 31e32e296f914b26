using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

/// <summary>
/// Which tickets an agent may see. Supervisors and admins see all; an agent sees
/// tickets of their teams, tickets with no team yet, and anything assigned to them.
/// </summary>
public static class TicketAccess
{
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, OtklikDb db, Caller caller) =>
        caller.SeesAllTickets
            ? tickets
            : tickets.Where(t => t.TeamId == null || t.AssigneeId == caller.AgentId
                                 || db.TeamMembers.Any(m => m.AgentId == caller.AgentId && m.TeamId == t.TeamId));
}
