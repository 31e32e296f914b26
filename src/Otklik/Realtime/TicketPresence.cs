using System.Collections.Concurrent;

namespace Otklik.Realtime;

public sealed record Viewer(long AgentId, string Name, bool IsReplying);

/// <summary>
/// Who has a ticket open, and who is typing a reply in it, so that two agents do not
/// answer the same customer twice. Keyed by connection so a closed tab leaves cleanly.
/// </summary>
public sealed class TicketPresence
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, Viewer>> _byTicket = new();

    public event Action<long>? Changed;

    public void Enter(long ticketId, string connection, long agentId, string name)
    {
        _byTicket.GetOrAdd(ticketId, _ => new())[connection] = new Viewer(agentId, name, false);
        Changed?.Invoke(ticketId);
    }

    public void SetReplying(long ticketId, string connection, bool replying)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryGetValue(connection, out var v) && v.IsReplying != replying)
        {
            viewers[connection] = v with { IsReplying = replying };
            Changed?.Invoke(ticketId);
        }
    }

    public void Leave(long ticketId, string connection)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryRemove(connection, out _))
            Changed?.Invoke(ticketId);
    }

    /// <summary>One entry per agent: replying wins over viewing when they have two tabs.</summary>
    public IReadOnlyList<Viewer> Of(long ticketId) =>
        _byTicket.TryGetValue(ticketId, out var viewers)
            ? viewers.Values.GroupBy(v => v.AgentId).Select(g => g.OrderByDescending(v => v.IsReplying).First()).ToList()
            : [];
}
