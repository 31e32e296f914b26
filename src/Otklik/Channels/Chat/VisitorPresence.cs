using System.Collections.Concurrent;

namespace Otklik.Channels.Chat;

/// <summary>What one node tells the others about its chat visitors (cluster mode).</summary>
/// <param name="Connected">Visitors with the widget connected to that node.</param>
/// <param name="Typing">Tickets whose visitor is typing, with the time of the last keystroke report.</param>
public sealed record SharedVisitors(IReadOnlyList<long> Connected, IReadOnlyDictionary<long, DateTime> Typing)
{
    public static readonly SharedVisitors None = new([], new Dictionary<long, DateTime>());

    public bool IsEmpty => Connected.Count == 0 && Typing.Count == 0;
}

/// <summary>
/// Visitors with the widget connected, and what each is typing into; the agent sees "typing…" and a
/// reply to a visitor who left goes by email instead. In cluster mode the other nodes' visitors are
/// kept beside this node's, replaced by each node's latest report.
/// </summary>
public sealed class VisitorPresence
{
    private readonly ConcurrentDictionary<string, long> _connections = new();
    private readonly ConcurrentDictionary<long, DateTime> _typingOnTicket = new();
    private readonly ConcurrentDictionary<string, SharedVisitors> _otherNodes = new();

    /// <summary>A ticket whose visitor started or stopped typing.</summary>
    public event Action<long>? TypingChanged;

    /// <summary>This node's own entries changed: the cluster sync reports them to the other nodes.</summary>
    internal event Action? LocalEdit;

    public void Connect(string connection, long visitorId)
    {
        _connections[connection] = visitorId;
        LocalEdit?.Invoke();
    }

    public void Disconnect(string connection)
    {
        if (_connections.TryRemove(connection, out _)) LocalEdit?.Invoke();
    }

    public bool IsConnected(long visitorId) =>
        _connections.Values.Contains(visitorId) || _otherNodes.Values.Any(n => n.Connected.Contains(visitorId));

    public void SetTyping(long ticketId, bool typing, DateTime now)
    {
        var wasTyping = IsTyping(ticketId, now);
        if (typing) _typingOnTicket[ticketId] = now;
        else if (!_typingOnTicket.TryRemove(ticketId, out _)) return;
        // Every report goes to the other nodes, even when still typing: it carries the new time.
        LocalEdit?.Invoke();
        if (wasTyping != IsTyping(ticketId, now)) TypingChanged?.Invoke(ticketId);
    }

    /// <summary>Typing shows for a few seconds after the last keystroke report, so a closed tab does not type forever.</summary>
    public bool IsTyping(long ticketId, DateTime now) =>
        Since(ticketId) is { } since && now - since < TimeSpan.FromSeconds(8);

    private DateTime? Since(long ticketId)
    {
        DateTime? latest = _typingOnTicket.TryGetValue(ticketId, out var here) ? here : null;
        foreach (var node in _otherNodes.Values)
            if (node.Typing.TryGetValue(ticketId, out var there) && (latest is null || there > latest)) latest = there;
        return latest;
    }

    /// <summary>This node's visitors, for the other nodes.</summary>
    public SharedVisitors Local() => new(_connections.Values.Distinct().ToList(), new Dictionary<long, DateTime>(_typingOnTicket));

    /// <summary>Takes another node's latest report (empty when it stopped or died); agents' screens hear of typing changes.</summary>
    public void ReplaceRemote(string node, SharedVisitors visitors)
    {
        var before = _otherNodes.TryGetValue(node, out var old) ? old : SharedVisitors.None;
        if (visitors.IsEmpty) _otherNodes.TryRemove(node, out _); else _otherNodes[node] = visitors;
        foreach (var ticketId in before.Typing.Keys.Union(visitors.Typing.Keys))
            if (before.Typing.GetValueOrDefault(ticketId) != visitors.Typing.GetValueOrDefault(ticketId)) TypingChanged?.Invoke(ticketId);
    }
}
