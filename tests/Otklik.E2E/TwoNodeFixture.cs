using Otklik.Tests.TestSupport;
using Xunit;

namespace Otklik.E2E;

/// <summary>
/// Two Otklik processes as a cluster: one fresh PostgreSQL database, one shared data folder, Redis from OTKLIK_TEST_REDIS
/// under a prefix of their own. Node A starts first (it migrates the database and makes the admin), then node B.
/// Scenarios use the browser of <see cref="AppFixture"/>.
/// </summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    public OtklikNode A { get; private set; } = null!;
    public OtklikNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var redis = TestRedis.FromEnvironment();
        _database = (PostgresTestDatabase)await TestDatabase.CreateAsync(DbProvider.Postgres);
        var settings = AppFixture.Settings();
        foreach (var (k, v) in _database.Settings) settings[k] = v;
        settings["Otklik:Redis:ConnectionString"] = redis;
        settings["Otklik:Redis:Prefix"] = TestRedis.NewPrefix();
        A = await OtklikNode.StartAsync(_database.DataPath, settings);
        B = await OtklikNode.StartAsync(_database.DataPath, settings);
    }

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
