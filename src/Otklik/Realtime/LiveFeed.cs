using System.Collections.Concurrent;

namespace Otklik.Realtime;

/// <summary>What changed, in enough detail for a list or a ticket page to decide whether to refresh.</summary>
public sealed record LiveEvent(string Kind, long TicketId, string Status, long? AssigneeId, long? TeamId, long? MessageId = null, long? ActorAgentId = null);

/// <summary>
/// In-process fan-out to the Blazor circuits of this node. Hub clients get the same
/// events through SignalR groups; a cluster backplane plugs in behind this type.
/// </summary>
public sealed class LiveFeed
{
    private readonly ConcurrentDictionary<Guid, Func<LiveEvent, Task>> _subscribers = new();

    public IDisposable Subscribe(Func<LiveEvent, Task> onEvent)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = onEvent;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public async Task PublishAsync(LiveEvent e)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            try { await subscriber(e); }
            catch (ObjectDisposedException) { /* a circuit that went away mid-publish */ }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
