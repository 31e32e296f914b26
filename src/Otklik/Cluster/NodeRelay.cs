using Otklik.Events.Webhooks;
using Otklik.Realtime;

namespace Otklik.Cluster;

/// <summary>
/// What the other nodes publish that this node must act on: live events for this node's Blazor
/// circuits, and "the webhooks changed" for this node's subscription cache.
/// </summary>
public sealed class NodeRelay(INodeBus bus, LiveFeed feed, WebhookSubscriptions webhooks) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await bus.SubscribeAsync<LiveEvent>(LiveFeed.Topic, (_, e) => feed.DeliverAsync(e));
        await bus.SubscribeAsync<bool>(WebhookSubscriptions.Topic, (_, _) =>
        {
            webhooks.Forget();
            return Task.CompletedTask;
        });
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
