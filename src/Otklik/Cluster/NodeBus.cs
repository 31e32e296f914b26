namespace Otklik.Cluster;

/// <summary>
/// Messages between the nodes of a cluster (the live feed of Blazor circuits, presence reports).
/// Best effort, like the SignalR backplane: a lost message is made good by the next report; durable
/// work goes through the outbox, never here. A node never receives its own messages.
/// </summary>
public interface INodeBus
{
    /// <summary>This process on the bus; also the key of its presence report.</summary>
    string Node { get; }

    Task PublishAsync<T>(string topic, T message);

    /// <summary>Messages from the other nodes, one at a time in the order they arrive.</summary>
    Task SubscribeAsync<T>(string topic, Func<string, T, Task> onMessage);
}

/// <summary>One node (the embedded default): there is nobody to tell.</summary>
public sealed class SingleNodeBus : INodeBus
{
    public string Node { get; } = Environment.MachineName;

    public Task PublishAsync<T>(string topic, T message) => Task.CompletedTask;

    public Task SubscribeAsync<T>(string topic, Func<string, T, Task> onMessage) => Task.CompletedTask;
}
