using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Realtime;

namespace Otklik.Features.Chat;

/// <summary>
/// Automatic routing of live chats from widgets set to <see cref="ChatRoutingMode.Auto"/> (product rule 4: chat answered
/// within a minute, load caps). One pass takes the waiting chats, longest waiting first, and gives each to the online, active
/// agent who may take it (a member of its team; anyone when it has none) and is under their limit: the fewest live chats
/// wins, then whoever has waited longest since their last chat. A chat nobody can take stays in the queue for the next pass.
/// </summary>
public sealed class ChatRouting(OtklikDb db, ChatSeats seats, AgentPresence presence, IHubContext<VisitorHub> visitors,
    IHubContext<WorkspaceHub> workspace, LiveFeed feed, TimeProvider clock)
{
    private const int LockSpace = 0x524F5554; // "ROUT": apart from ChatSeats' per-agent locks
    private const int Batch = 100;

    /// <summary>The live-feed kind the agent's screens react to: "a chat was given to you".</summary>
    public const string RoutedEvent = "chat.routed";

    /// <param name="HandedOffBy">The agent who transferred it to a team's queue: they chose to let it go, so it does not bounce back.</param>
    private sealed record Waiting(long Id, long? TeamId, long? HandedOffBy);

    private sealed record Given(string AgentName, string Status);

    private sealed class Candidate(long id, int limit, int held, DateTime? lastChatAt, IReadOnlySet<long> teams)
    {
        public long Id => id;
        public int Limit => limit;
        public int Held { get; set; } = held;
        public DateTime? LastChatAt { get; set; } = lastChatAt;
        public bool MayTake(long? teamId) => Held < limit && (teamId is null || teams.Contains(teamId.Value));
    }

    /// <summary>Routes what it can now; returns how many chats it gave out.</summary>
    public async Task<int> RouteAsync(CancellationToken ct)
    {
        if (presence.OnlineAgents.Count == 0) return 0;
        if (!db.IsPostgres) return await PassAsync(ct);
        // One pass at a time in the whole cluster: two nodes reacting to the same change would otherwise read the same
        // queue and race for the same chats. A session lock on a held connection; a dead node's lock dies with its connection.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockSpace}, 0)", ct);
            try { return await PassAsync(ct); }
            finally { await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockSpace}, 0)", CancellationToken.None); }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> PassAsync(CancellationToken ct)
    {
        var queued = await ChatSeats.Live(db, db.Tickets)
            .Where(t => t.AssigneeId == null && db.ChatWidgets.Any(w => w.InboxId == t.InboxId && w.Routing == ChatRoutingMode.Auto))
            .Select(t => new
            {
                t.Id, t.TeamId,
                Since = db.TimelineEvents.Where(e => e.TicketId == t.Id && e.Kind == TimelineKinds.ChatTransferred).Max(e => (DateTime?)e.At) ?? t.CreatedAt,
                From = db.TimelineEvents.Where(e => e.TicketId == t.Id && e.Kind == TimelineKinds.ChatTransferred)
                    .OrderByDescending(e => e.Id).Select(e => e.OldValue).FirstOrDefault(),
            })
            .OrderBy(t => t.Since).ThenBy(t => t.Id).Take(Batch).ToListAsync(ct);
        if (queued.Count == 0) return 0;
        var candidates = await CandidatesAsync(ct);
        var routed = 0;
        foreach (var chat in queued.Select(q => new Waiting(q.Id, q.TeamId, long.TryParse(q.From, out var from) ? from : null)))
        {
            if (candidates.All(c => c.Held >= c.Limit)) break;
            while (Choose(candidates, chat) is { } agent)
            {
                var offer = await OfferAsync(chat.Id, agent.Id, ct);
                db.ChangeTracker.Clear();
                if (offer.Value is { } given)
                {
                    (agent.Held, agent.LastChatAt) = (agent.Held + 1, clock.GetUtcNow().UtcDateTime);
                    routed++;
                    await TellAsync(chat, agent.Id, given, ct);
                    break;
                }
                // Full (another node or an accept filled the seat meanwhile): try the next agent. Otherwise the chat moved on.
                if (offer.Error is { Code: "chat_limit" }) agent.Held = agent.Limit;
                else break;
            }
        }
        return routed;
    }

    private async Task<List<Candidate>> CandidatesAsync(CancellationToken ct)
    {
        var online = presence.OnlineAgents.ToList();
        var agents = await db.Agents.Where(a => online.Contains(a.Id) && a.IsActive)
            .Select(a => new { a.Id, a.ChatLimit, a.LastChatAt }).ToListAsync(ct);
        var held = await ChatSeats.Live(db, db.Tickets).Where(t => t.AssigneeId != null && online.Contains(t.AssigneeId.Value))
            .GroupBy(t => t.AssigneeId!.Value).Select(g => new { Agent = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Agent, g => g.Count, ct);
        var teams = (await db.TeamMembers.Where(m => online.Contains(m.AgentId)).Select(m => new { m.AgentId, m.TeamId }).ToListAsync(ct))
            .ToLookup(m => m.AgentId, m => m.TeamId);
        return agents.Select(a => new Candidate(a.Id, a.ChatLimit, held.GetValueOrDefault(a.Id), a.LastChatAt, teams[a.Id].ToHashSet())).ToList();
    }

    /// <summary>Fewest live chats first; on a tie, the longest since the last chat (never had one: first of all).</summary>
    private static Candidate? Choose(List<Candidate> candidates, Waiting chat) =>
        candidates.Where(c => c.MayTake(chat.TeamId) && c.Id != chat.HandedOffBy).OrderBy(c => c.Held).ThenBy(c => c.LastChatAt ?? DateTime.MinValue).ThenBy(c => c.Id).FirstOrDefault();

    /// <summary>Under the agent's seat lock (the same as Accept), checks everything again and assigns; the agent's name when it did.</summary>
    private Task<Result<Given>> OfferAsync(long ticketId, long agentId, CancellationToken ct) => seats.WithAgentAsync(db, agentId, async Task<Result<Given>> () =>
    {
        var ticket = await ChatSeats.Live(db, db.Tickets.AsTracking()).FirstOrDefaultAsync(t => t.Id == ticketId && t.AssigneeId == null, ct);
        if (ticket is null) return Gone;
        if (ticket.TeamId is { } team && !await db.TeamMembers.AnyAsync(m => m.AgentId == agentId && m.TeamId == team, ct)) return Gone;
        var agent = await db.Agents.AsTracking().FirstOrDefaultAsync(a => a.Id == agentId && a.IsActive, ct);
        if (agent is null || !presence.IsOnline(agentId)) return Full;
        if (await ChatSeats.HeldAsync(db, agentId, ct) >= agent.ChatLimit) return Full;
        var now = clock.GetUtcNow().UtcDateTime;
        ticket.RouteChat(agent, now);
        agent.LastChatAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Gone; // accepted, ended or moved a moment ago
        }
        return new Given(agent.Name, Names.Of(ticket.Status));
    }, ct);

    private static readonly Error Gone = new Error.Conflict("chat_taken", "The chat is no longer waiting.");
    private static readonly Error Full = new Error.Conflict("chat_limit", "The agent has no free seat.");

    /// <summary>After the commit: the agent's screens (every node's, through the live feed) and the visitor's widget.</summary>
    private async Task TellAsync(Waiting chat, long agentId, Given given, CancellationToken ct)
    {
        var routed = new LiveEvent(RoutedEvent, chat.Id, given.Status, agentId, chat.TeamId);
        await feed.PublishAsync(routed);
        await workspace.Clients.Group(WorkspaceHub.AgentsGroup).SendAsync("ticket", routed, ct);
        await (await VisitorHub.WidgetsOfTicketAsync(visitors, db, chat.Id, ct)).SendAsync("joined", Names.FirstName(given.AgentName) ?? given.AgentName, ct);
    }
}
