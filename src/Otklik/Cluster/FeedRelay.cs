using Otklik.Realtime;

namespace Otklik.Cluster;

/// <summary>Delivers live events published on the other nodes to this node's Blazor circuits.</summary>
public sealed class FeedRelay(INodeBus bus, LiveFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => bus.SubscribeAsync<LiveEvent>(LiveFeed.Topic, (_, e) => feed.DeliverAsync(e));

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
