using Microsoft.AspNetCore.SignalR;
using Otklik.Infrastructure;
using StackExchange.Redis;

namespace Otklik.Cluster;

public static class ClusterSetup
{
    /// <summary>
    /// Without Otklik:Redis nothing changes: one node, live updates and presence in process. With it, every
    /// node shares one Redis connection for the SignalR backplane (both hubs), the node bus (live feed of
    /// Blazor circuits, presence reports) and the public rate-limit counters.
    /// </summary>
    public static IServiceCollection AddOtklikCluster(this IServiceCollection services, OtklikOptions options, ISignalRServerBuilder signalR)
    {
        var redis = options.Redis;
        if (!redis.IsEnabled)
        {
            services.AddSingleton<INodeBus, SingleNodeBus>();
            return services;
        }
        // A SQLite file belongs to one process; nodes that do not share the database cannot share anything else.
        if (!options.Database.IsPostgres)
            throw new InvalidOperationException("Otklik:Redis:ConnectionString is set, but cluster mode needs Otklik:Database:Provider = Postgres (one database for every node).");

        var configuration = ConfigurationOptions.Parse(redis.ConnectionString!);
        // Every pub/sub channel (the backplane's too) is named under the deployment's prefix.
        configuration.ChannelPrefix = RedisChannel.Literal(redis.Prefix + ":");
        configuration.ClientName ??= "otklik-" + Environment.MachineName;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
            .Configure<IConnectionMultiplexer>((o, multiplexer) => o.ConnectionFactory = _ => Task.FromResult(multiplexer));
        signalR.AddStackExchangeRedis();
        services.AddSingleton<INodeBus, RedisNodeBus>();
        services.AddSingleton<SharedCounter>();
        services.AddHostedService<NodeRelay>();
        services.AddHostedService<PresenceSync>();
        return services;
    }
}
