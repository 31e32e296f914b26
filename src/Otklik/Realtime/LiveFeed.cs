using System.Collections.Concurrent;
using Otklik.Cluster;

namespace Otklik.Realtime;

/// <summary>What changed, in enough detail for a list or a ticket page to decide whether to refresh.</summary>
public sealed record LiveEvent(string Kind, long TicketId, string Status, long? AssigneeId, long? TeamId, long? MessageId = null, long? ActorAgentId = null);

/// <summary>
/// Fan-out to the Blazor circuits of this node. Hub clients get the same events through SignalR
/// groups. In cluster mode each event also goes to the other nodes over the node bus, and events
/// from them are delivered here (<see cref="DeliverAsync"/>), so a circuit on any node sees them.
/// </summary>
public sealed class LiveFeed(INodeBus bus)
{
    public const string Topic = "feed";

    private readonly ConcurrentDictionary<Guid, Func<LiveEvent, Task>> _subscribers = new();

    public IDisposable Subscribe(Func<LiveEvent, Task> onEvent)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = onEvent;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public async Task PublishAsync(LiveEvent e)
    {
        await DeliverAsync(e);
        await bus.PublishAsync(Topic, e);
    }

    /// <summary>To this node's circuits only: an event from here, or one another node published.</summary>
    public async Task DeliverAsync(LiveEvent e)
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
