using System.Collections.Concurrent;

namespace Otklik.Channels.Chat;

/// <summary>
/// Visitors with the widget connected on this node, and what each is typing into; the agent sees
/// "typing…" and a reply to a visitor who left goes by email instead.
/// </summary>
public sealed class VisitorPresence
{
    private readonly ConcurrentDictionary<string, long> _connections = new();
    private readonly ConcurrentDictionary<long, DateTime> _typingOnTicket = new();

    /// <summary>A ticket whose visitor started or stopped typing.</summary>
    public event Action<long>? TypingChanged;

    public void Connect(string connection, long visitorId) => _connections[connection] = visitorId;

    public void Disconnect(string connection) => _connections.TryRemove(connection, out _);

    public bool IsConnected(long visitorId) => _connections.Values.Contains(visitorId);

    public void SetTyping(long ticketId, bool typing, DateTime now)
    {
        bool changed;
        if (typing)
        {
            changed = !_typingOnTicket.ContainsKey(ticketId);
            _typingOnTicket[ticketId] = now;
        }
        else
        {
            changed = _typingOnTicket.TryRemove(ticketId, out _);
        }
        if (changed) TypingChanged?.Invoke(ticketId);
    }

    /// <summary>Typing shows for a few seconds after the last keystroke report, so a closed tab does not type forever.</summary>
    public bool IsTyping(long ticketId, DateTime now) =>
        _typingOnTicket.TryGetValue(ticketId, out var since) && now - since < TimeSpan.FromSeconds(8);
}
