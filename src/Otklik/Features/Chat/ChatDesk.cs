using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Chat;

/// <summary>
/// The agent's side of live chats: the queue of chats nobody has taken, accepting one (within the agent's
/// limit), handing it to a colleague, transferring it to a colleague or team with a note, and ending it.
/// </summary>
public sealed class ChatDesk(OtklikDb db, ChatSeats seats, ChatEnding ending, IHubContext<VisitorHub> hub, TimeProvider clock)
{
    public sealed record QueuedChat(long TicketId, string Subject, string CustomerName, long? TeamId, DateTime WaitingSince, int WaitingSeconds);

    public sealed record Queue(IReadOnlyList<QueuedChat> Items, int Held, int Limit);

    public sealed record Seat(long TicketId, long AssigneeId, string AssigneeName, long? TeamId, int Held, int Limit);

    /// <summary>Live chats nobody has taken that the caller may see, longest waiting first; waiting counts from the start or the last transfer to a team.</summary>
    public async Task<Queue> QueueAsync(Caller caller, CancellationToken ct)
    {
        var rows = await Live(db.Tickets.VisibleTo(db, caller)).Where(t => t.AssigneeId == null)
            .Select(t => new
            {
                t.Id, t.Subject, Customer = t.Customer!.Name, t.TeamId,
                Since = db.TimelineEvents.Where(e => e.TicketId == t.Id && e.Kind == TimelineKinds.ChatTransferred).Max(e => (DateTime?)e.At) ?? t.CreatedAt,
            })
            .OrderBy(t => t.Since).Take(200).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var me = await db.Agents.FirstAsync(a => a.Id == caller.AgentId, ct);
        return new Queue(rows.Select(r => new QueuedChat(r.Id, r.Subject, r.Customer, r.TeamId, DateTime.SpecifyKind(r.Since, DateTimeKind.Utc),
            (int)Math.Max(0, (now - r.Since).TotalSeconds))).ToList(), await ChatSeats.HeldAsync(db, caller.AgentId, ct), me.ChatLimit);
    }

    /// <summary>The caller takes the chat, unless someone else has it or the caller is at their limit.</summary>
    public Task<Result<Seat>> AcceptAsync(long ticketId, Caller caller, CancellationToken ct) =>
        JoinAsync(ticketId, caller, caller.AgentId, ct);

    /// <summary>The chat's holder (or a supervisor) gives it to a colleague, within the colleague's limit.</summary>
    public Task<Result<Seat>> AssignAsync(long ticketId, long? agentId, Caller caller, CancellationToken ct) =>
        agentId is { } id ? JoinAsync(ticketId, caller, id, ct)
            : Task.FromResult<Result<Seat>>(new Error.Invalid("agentId", "'agentId' is required."));

    /// <summary>An agent takes the seat; the visitor is told who answers now, as when routing gives the chat.</summary>
    private async Task<Result<Seat>> JoinAsync(long ticketId, Caller caller, long agentId, CancellationToken ct)
    {
        var before = await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.AssigneeId).FirstOrDefaultAsync(ct);
        var result = await HandAsync(ticketId, caller, agentId, null, null, transfer: false, ct);
        if (result.Value is { } seat && before != seat.AssigneeId)
            await TellVisitorAsync(ticketId, "joined", Names.FirstName(seat.AssigneeName) ?? seat.AssigneeName, ct);
        return result;
    }

    /// <summary>To a colleague (within their limit) or to a team's queue, with a note the next agent reads; the visitor is told.</summary>
    public Task<Result<Seat>> TransferAsync(long ticketId, long? agentId, long? teamId, string? note, Caller caller, CancellationToken ct)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if ((agentId is null) == (teamId is null))
            return Task.FromResult<Result<Seat>>(new Error.Invalid("agentId", "Name either 'agentId' or 'teamId'."));
        if (note is { Length: > 1000 }) return Task.FromResult<Result<Seat>>(new Error.Invalid("note", "At most 1000 characters."));
        return TransferCoreAsync(ticketId, agentId, teamId, note, caller, ct);
    }

    private async Task<Result<Seat>> TransferCoreAsync(long ticketId, long? agentId, long? teamId, string? note, Caller caller, CancellationToken ct)
    {
        var result = await HandAsync(ticketId, caller, agentId, teamId, note, transfer: true, ct);
        if (result.Value is { } seat)
        {
            // After the commit: the visitor hears of a transfer that really happened.
            var to = agentId is not null ? Names.FirstName(seat.AssigneeName)! : await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstAsync(ct);
            await TellVisitorAsync(ticketId, "transferred", to, ct);
        }
        return result;
    }

    public async Task<Result<bool>> EndAsync(long ticketId, Caller caller, CancellationToken ct)
    {
        if (!await db.Tickets.VisibleTo(db, caller).AnyAsync(t => t.Id == ticketId, ct)) return new Error.NotFound($"Ticket {ticketId}");
        return await ending.EndAsync(ticketId, caller.Actor, ct);
    }

    private async Task<Result<Seat>> HandAsync(long ticketId, Caller caller, long? agentId, long? teamId, string? note, bool transfer, CancellationToken ct)
    {
        var target = agentId is { } a ? await db.Agents.AsTracking().FirstOrDefaultAsync(x => x.Id == a && x.IsActive, ct) : null;
        if (agentId is not null && target is null) return new Error.Invalid("agentId", $"There is no active agent {agentId}.");
        var team = teamId is { } tid ? await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == tid, ct) : null;
        if (teamId is not null && team is null) return new Error.Invalid("teamId", $"There is no team {teamId}.");
        var work = async () =>
        {
            var ticket = await Live(db.Tickets.AsTracking().VisibleTo(db, caller)).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
            if (ticket is null)
                return await db.Tickets.VisibleTo(db, caller).AnyAsync(t => t.Id == ticketId, ct)
                    ? new Error.Conflict("chat_not_active", "This chat has ended; there is nothing live to take or hand over.")
                    : new Error.NotFound($"Ticket {ticketId}");
            var self = agentId == caller.AgentId && !transfer;
            if (self && ticket.AssigneeId == caller.AgentId) return await SeatAsync(ticket, target!);
            if (self && ticket.AssigneeId is { } other)
                return new Error.Conflict("chat_taken", $"{await NameAsync(other)} has already taken this chat.");
            if (!self && ticket.AssigneeId != caller.AgentId && !caller.SeesAllTickets && ticket.AssigneeId is not null)
                return new Error.Forbidden("Only the agent in this chat or a supervisor can hand it over.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (target is not null)
            {
                if (target.Id == ticket.AssigneeId) return new Error.Conflict("chat_taken", $"{target.Name} already has this chat.");
                var held = await ChatSeats.HeldAsync(db, target.Id, ct);
                if (held >= target.ChatLimit) return ChatSeats.Full(target, held, self);
            }
            if (transfer)
            {
                ticket.TransferChat(target, team, note, caller.Actor, now);
                if (note is not null) ticket.AddMessage(MessageKind.Note, caller.Actor, note, null, now);
            }
            else ticket.Assign(target, caller.Actor, now);
            // Routing's tie-break: whoever got a chat most recently, by any path, waits for the next one.
            if (target is not null) target.LastChatAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Error.Conflict("chat_taken", "Someone changed this chat a moment ago. Reload and try again.");
            }
            return target is null ? new Seat(ticket.Id, 0, "", ticket.TeamId, 0, 0) : await SeatAsync(ticket, target);
        };
        // Only taking a seat needs the lock; a move to a team's queue takes none.
        return target is null ? await work() : await seats.WithAgentAsync(db, target.Id, work, ct);
    }

    private async Task<Result<Seat>> SeatAsync(Ticket ticket, Agent agent) =>
        new Seat(ticket.Id, agent.Id, agent.Name, ticket.TeamId, await ChatSeats.HeldAsync(db, agent.Id, CancellationToken.None), agent.ChatLimit);

    private Task<string> NameAsync(long agentId) => db.Agents.Where(a => a.Id == agentId).Select(a => a.Name).FirstAsync();

    private async Task TellVisitorAsync(long ticketId, string what, string name, CancellationToken ct) =>
        await (await VisitorHub.WidgetsOfTicketAsync(hub, db, ticketId, ct)).SendAsync(what, name, ct);

    private IQueryable<Ticket> Live(IQueryable<Ticket> tickets) => ChatSeats.Live(db, tickets);
}
