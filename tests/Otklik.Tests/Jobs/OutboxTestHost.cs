using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Jobs;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Jobs;

/// <summary>Records every call; fails the first N calls per payload when told to.</summary>
public sealed class RecordingHandler : IOutboxHandler
{
    public const string Kind = "test.echo";
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public string Type => Kind;

    public Task HandleAsync(string payload, CancellationToken ct)
    {
        Calls.Enqueue(payload);
        if (FailuresLeft.TryGetValue(payload, out var left) && left > 0)
        {
            FailuresLeft[payload] = left - 1;
            throw new InvalidOperationException("remote said no");
        }
        return Task.CompletedTask;
    }
}

/// <summary>An app whose outbox is driven by the test: no background worker, a manual clock, a recording handler.</summary>
public sealed class OutboxHost(TestDatabase database, ManualClock clock, RecordingHandler? handler) : IAsyncDisposable
{
    public OtklikApp App { get; } = new(database, testServices: services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        if (handler is not null) services.AddSingleton<IOutboxHandler>(handler);
        // The hosted loop is registered as a factory returning the OutboxWorker singleton; the test calls RunOnceAsync itself.
        foreach (var d in services.Where(d => d.ServiceType == typeof(IHostedService)
                     && d.ImplementationFactory?.Method.DeclaringType?.Assembly == typeof(OutboxWorker).Assembly).ToList())
            services.Remove(d);
    });

    public OutboxWorker Worker => App.Services.GetRequiredService<OutboxWorker>();

    public async Task<long> EnqueueAsync(string payload, string type = RecordingHandler.Kind)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        db.Enqueue(type, payload, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return await db.Outbox.Where(o => o.Payload == payload).Select(o => o.Id).SingleAsync();
    }

    public async Task<OutboxMessage> RowAsync(long id)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OtklikDb>().Outbox.SingleAsync(o => o.Id == id);
    }

    public Task<int> RunOnceAsync() => Worker.RunOnceAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
