using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.Chat;

/// <summary>
/// An agent's seats for live chats: how many they hold now (counted in the database, so every node sees the
/// same number) and a lock per agent around "count, then take one", so two accepts racing on two nodes cannot
/// both squeeze past the limit. PostgreSQL: a transaction-scoped advisory lock. SQLite runs one node only,
/// so a lock in this process is the whole story there.
/// </summary>
public sealed class ChatSeats
{
    private const int LockSpace = 0x43484154; // "CHAT": keeps these advisory locks apart from any others
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Chats the agent is in now: assigned, not solved or closed, and the visitor has not left the conversation.</summary>
    public static Task<int> HeldAsync(OtklikDb db, long agentId, CancellationToken ct) =>
        db.Tickets.CountAsync(t => t.AssigneeId == agentId && t.Channel == ChannelKind.Chat && t.MergedIntoId == null
                                   && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed
                                   && db.ChatVisitors.Any(v => v.TicketId == t.Id), ct);

    /// <summary>Chat tickets with the visitor still in the conversation and not solved.</summary>
    public static IQueryable<Ticket> Live(OtklikDb db, IQueryable<Ticket> tickets) =>
        tickets.Where(t => t.Channel == ChannelKind.Chat && t.MergedIntoId == null && t.Status != TicketStatus.Solved
                           && t.Status != TicketStatus.Closed && db.ChatVisitors.Any(v => v.TicketId == t.Id));

    /// <summary>A refusal that says what to do, not just "no".</summary>
    public static Error Full(Agent agent, int held, bool self) => new Error.Conflict("chat_limit", self
        ? $"You already have {held} live chats and your limit is {agent.ChatLimit}. End or transfer one first."
        : $"{agent.Name} already has {held} live chats (limit {agent.ChatLimit}). Choose someone else or a team.");

    /// <summary>Runs <paramref name="work"/> (which saves) while no one else changes this agent's chats; commits, then dispatches events.</summary>
    public async Task<Result<T>> WithAgentAsync<T>(OtklikDb db, long agentId, Func<Task<Result<T>>> work, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            var stripe = Stripes[agentId % Stripes.Length];
            await stripe.WaitAsync(ct);
            try { return await work(); }
            finally { stripe.Release(); }
        }
        Result<T> result;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {(int)(agentId % int.MaxValue)})", ct);
            result = await work();
            if (!result.IsOk) return result;
            await tx.CommitAsync(ct);
        }
        await db.DispatchEventsAsync(ct);
        return result;
    }
}
