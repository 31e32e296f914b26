using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Otklik.Data;
using Otklik.Jobs;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Jobs;

public abstract class OutboxWorkerTests(DbProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly RecordingHandler _handler = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Row_IsHandledOnce_AndMarkedProcessed()
    {
        await using var host = new OutboxHost(_database, _clock, _handler);
        Assert.Empty(host.App.Services.GetServices<IHostedService>().OfType<OutboxWorker>());
        var id = await host.EnqueueAsync("one");
        Assert.Equal(1, await host.RunOnceAsync());
        Assert.Equal(0, await host.RunOnceAsync());
        Assert.Equal(["one"], _handler.Calls);
        var row = await host.RowAsync(id);
        Assert.NotNull(row.ProcessedAt);
        Assert.Null(row.LockedBy);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public async Task FailedRow_IsRetriedAfterBackoff()
    {
        await using var host = new OutboxHost(_database, _clock, _handler);
        _handler.FailuresLeft["flaky"] = 2;
        var id = await host.EnqueueAsync("flaky");

        Assert.Equal(1, await host.RunOnceAsync());
        var row = await host.RowAsync(id);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("remote said no", row.LastError);
        Assert.Null(row.ProcessedAt);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime + OutboxWorker.Backoff(1), row.AvailableAt);

        Assert.Equal(0, await host.RunOnceAsync());  // not due yet
        _clock.Advance(OutboxWorker.Backoff(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await host.RunOnceAsync());  // second failure: a longer wait
        Assert.Equal(2, (await host.RowAsync(id)).Attempts);
        _clock.Advance(OutboxWorker.Backoff(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await host.RunOnceAsync());
        _clock.Advance(OutboxWorker.Backoff(2));
        Assert.Equal(1, await host.RunOnceAsync());

        row = await host.RowAsync(id);
        Assert.NotNull(row.ProcessedAt);
        Assert.Null(row.LastError);
        Assert.Equal(["flaky", "flaky", "flaky"], _handler.Calls);
    }

    [Fact]
    public async Task RowWithoutHandler_FailsVisiblyAfterMaxAttempts()
    {
        await using var host = new OutboxHost(_database, _clock, _handler);
        var id = await host.EnqueueAsync("orphan", type: "test.unknown");
        for (var attempt = 1; attempt <= OutboxWorker.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await host.RunOnceAsync());
            _clock.Advance(OutboxWorker.Backoff(attempt) + TimeSpan.FromSeconds(1));
        }
        var row = await host.RowAsync(id);
        Assert.NotNull(row.FailedAt);
        Assert.Equal(OutboxWorker.MaxAttempts, row.Attempts);
        Assert.Contains("No handler", row.LastError);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await host.RunOnceAsync());
    }

    [Fact]
    public async Task RowClaimedByACrashedNode_IsRetriedWhenTheLeaseExpires()
    {
        await using var host = new OutboxHost(_database, _clock, _handler);
        var id = await host.EnqueueAsync("leased");
        using (var scope = host.App.Services.CreateScope())
        {
            var until = _clock.GetUtcNow().UtcDateTime.AddMinutes(2);
            await scope.ServiceProvider.GetRequiredService<OtklikDb>().Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LockedBy, "dead-node").SetProperty(o => o.LockedUntil, until));
        }
        Assert.Equal(0, await host.RunOnceAsync());
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await host.RunOnceAsync());
        Assert.Equal(["leased"], _handler.Calls);
    }

    [Fact]
    public async Task Row_SurvivesRestart_AndIsHandledByTheNextHost()
    {
        long id;
        await using (var first = new OutboxHost(_database, _clock, handler: null))
            id = await first.EnqueueAsync("durable");

        await using var second = new OutboxHost(_database, _clock, _handler);
        Assert.Null((await second.RowAsync(id)).ProcessedAt);
        Assert.Equal(1, await second.RunOnceAsync());
        Assert.Equal(["durable"], _handler.Calls);
        Assert.NotNull((await second.RowAsync(id)).ProcessedAt);
    }

    [Fact]
    public void Backoff_DoublesFromFiveSeconds_UpToAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxWorker.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(10), OutboxWorker.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(40), OutboxWorker.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(1), OutboxWorker.Backoff(30));
    }
}

public sealed class OutboxWorkerTests_Sqlite() : OutboxWorkerTests(DbProvider.Sqlite);

public sealed class OutboxWorkerTests_Postgres() : OutboxWorkerTests(DbProvider.Postgres);
