using System.Text.Json;
using Otklik.Infrastructure;
using StackExchange.Redis;

namespace Otklik.Cluster;

/// <summary>
/// The node bus over Redis pub/sub. Channels are named under the deployment's prefix by the shared
/// connection (<see cref="ClusterSetup"/>), so deployments sharing one Redis do not hear each other.
/// </summary>
public sealed class RedisNodeBus(IConnectionMultiplexer redis, ILogger<RedisNodeBus> log) : INodeBus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Node { get; } = LeaseHolder.NewName();

    private sealed record Envelope<T>(string Node, T Message);

    public async Task PublishAsync<T>(string topic, T message)
    {
        try
        {
            var payload = JsonSerializer.Serialize(new Envelope<T>(Node, message), Json);
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(topic), payload);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Live updates are a convenience on top of stored data: a Redis outage must not fail the change that caused them.
            log.LogWarning("Publishing {Topic} to the other nodes failed: {Error}", topic, ex.Message);
        }
    }

    public async Task SubscribeAsync<T>(string topic, Func<string, T, Task> onMessage)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(topic));
        queue.OnMessage(async m =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope<T>>(m.Message.ToString(), Json);
                if (envelope is null || envelope.Node == Node) return;
                await onMessage(envelope.Node, envelope.Message);
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "A {Topic} message from another node could not be handled", topic);
            }
        });
    }
}
