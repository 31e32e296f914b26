using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Otklik.Cluster;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Cluster;

/// <summary>Without Redis a node stays on its own (the embedded default); Redis without PostgreSQL is refused.</summary>
public sealed class ClusterSetupTests
{
    [Fact]
    public async Task WithoutRedis_ANodeKeepsEverythingInProcess()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using var app = new OtklikApp(database);
        using var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.IsType<SingleNodeBus>(app.Services.GetRequiredService<INodeBus>());
        Assert.Null(app.Services.GetService<SharedCounter>());
        Assert.Null(app.Services.GetService<StackExchange.Redis.IConnectionMultiplexer>());
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is PresenceSync or NodeRelay);
    }

    [Fact]
    public async Task RedisWithSqlite_IsRefusedAtStart()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using var app = new OtklikApp(database, new Dictionary<string, string> { ["Otklik:Redis:ConnectionString"] = "127.0.0.1:1" });
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Postgres", error.ToString());
    }
}
