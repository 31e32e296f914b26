using System.Collections.Concurrent;

namespace Otklik.Realtime;

public sealed record Viewer(long AgentId, string Name, bool IsReplying);

/// <summary>A viewer as one node tells the others (cluster mode): which ticket, which connection.</summary>
public sealed record SharedViewer(long TicketId, string Connection, long AgentId, string Name, bool IsReplying);

/// <summary>
/// Who has a ticket open, and who is typing a reply in it, so that two agents do not
/// answer the same customer twice. Keyed by connection so a closed tab leaves cleanly.
/// In cluster mode the other nodes' viewers are kept beside this node's (replaced by each
/// node's latest report, dropped when the node stops reporting), so reads stay in memory.
/// </summary>
public sealed class TicketPresence
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, Viewer>> _byTicket = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<SharedViewer>> _otherNodes = new();

    /// <summary>Any change, here or on another node: screens of this node refresh.</summary>
    public event Action<long>? Changed;

    /// <summary>
    /// A change this node must tell hub clients and chat visitors about: made by a connection of this
    /// node (or a dead node's viewers expiring). The node where a change happens announces it once,
    /// through the backplane, rather than every node announcing it again.
    /// </summary>
    public event Action<long>? ChangedHere;

    /// <summary>This node's own entries changed: the cluster sync reports them to the other nodes.</summary>
    internal event Action? LocalEdit;

    public void Enter(long ticketId, string connection, long agentId, string name)
    {
        _byTicket.GetOrAdd(ticketId, _ => new())[connection] = new Viewer(agentId, name, false);
        Raise(ticketId);
    }

    public void SetReplying(long ticketId, string connection, bool replying)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryGetValue(connection, out var v) && v.IsReplying != replying)
        {
            viewers[connection] = v with { IsReplying = replying };
            Raise(ticketId);
        }
    }

    public void Leave(long ticketId, string connection)
    {
        if (_byTicket.TryGetValue(ticketId, out var viewers) && viewers.TryRemove(connection, out _))
            Raise(ticketId);
    }

    /// <summary>One entry per agent: replying wins over viewing when they have two tabs (or two nodes).</summary>
    public IReadOnlyList<Viewer> Of(long ticketId)
    {
        var all = _byTicket.TryGetValue(ticketId, out var viewers) ? viewers.Values.ToList() : [];
        foreach (var node in _otherNodes.Values)
            all.AddRange(node.Where(v => v.TicketId == ticketId).Select(v => new Viewer(v.AgentId, v.Name, v.IsReplying)));
        return all.GroupBy(v => v.AgentId).Select(g => g.OrderByDescending(v => v.IsReplying).First()).ToList();
    }

    /// <summary>This node's viewers, for the other nodes.</summary>
    public IReadOnlyList<SharedViewer> Local() =>
        _byTicket.SelectMany(t => t.Value.Select(c => new SharedViewer(t.Key, c.Key, c.Value.AgentId, c.Value.Name, c.Value.IsReplying))).ToList();

    /// <summary>Takes another node's latest report (empty when it stopped or died) and refreshes the tickets it touches.</summary>
    public void ReplaceRemote(string node, IReadOnlyList<SharedViewer> viewers, bool announce = false)
    {
        var before = _otherNodes.TryGetValue(node, out var old) ? old : [];
        if (viewers.Count == 0) _otherNodes.TryRemove(node, out _); else _otherNodes[node] = viewers;
        foreach (var ticketId in before.Select(v => v.TicketId).Union(viewers.Select(v => v.TicketId)))
        {
            if (before.Where(v => v.TicketId == ticketId).SequenceEqual(viewers.Where(v => v.TicketId == ticketId))) continue;
            Changed?.Invoke(ticketId);
            if (announce) ChangedHere?.Invoke(ticketId);
        }
    }

    private void Raise(long ticketId)
    {
        Changed?.Invoke(ticketId);
        ChangedHere?.Invoke(ticketId);
        LocalEdit?.Invoke();
    }
}
