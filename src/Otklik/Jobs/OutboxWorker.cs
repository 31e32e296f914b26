using Otklik.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Jobs;

/// <summary>Handles one type of outbox work. Must be idempotent: a crash after the work but before the ack repeats it.</summary>
public interface IOutboxHandler
{
    string Type { get; }
    Task HandleAsync(string payload, CancellationToken ct);
}

/// <summary>A handler that must record something when its work is finally given up (e.g. mark an email undelivered).</summary>
public interface IOutboxGiveUp
{
    Task GiveUpAsync(string payload, string error, CancellationToken ct);
}

public static class OutboxExtensions
{
    public static void Enqueue(this OtklikDb db, string type, string payload, DateTime now) =>
        db.Outbox.Add(new OutboxMessage { Type = type, Payload = payload, CreatedAt = now, AvailableAt = now });
}

/// <summary>
/// Claims due outbox rows with a lease (so a crashed node's claim expires and another
/// node retries it), runs their handler, and retries failures with exponential back-off
/// until MaxAttempts, after which the row is marked failed and stays visible.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxWorker> log) : BackgroundService
{
    public const int MaxAttempts = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _node = LeaseHolder.NewName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try { worked = await RunOnceAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Outbox pass failed"); }
            if (worked == 0) await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>One pass: claim a batch, run it. Returns how many rows were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToDictionary(h => h.Type);
        var now = clock.GetUtcNow().UtcDateTime;
        // A cheap read first: claiming is a write, and an idle deployment should not write twice a second.
        if (!await db.Outbox.AnyAsync(o => o.ProcessedAt == null && o.FailedAt == null && o.AvailableAt <= now
                                           && (o.LockedUntil == null || o.LockedUntil < now), ct)) return 0;
        var claimed = await ClaimAsync(db, now, ct);
        foreach (var row in claimed)
        {
            try
            {
                if (!handlers.TryGetValue(row.Type, out var handler)) throw new InvalidOperationException($"No handler for outbox type '{row.Type}'.");
                await handler.HandleAsync(row.Payload, ct);
                row.ProcessedAt = clock.GetUtcNow().UtcDateTime;
                row.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                row.Attempts++;
                row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                if (row.Attempts >= MaxAttempts)
                {
                    row.FailedAt = clock.GetUtcNow().UtcDateTime;
                    await GiveUpAsync(handlers.GetValueOrDefault(row.Type), row, ct);
                }
                else row.AvailableAt = clock.GetUtcNow().UtcDateTime + Backoff(row.Attempts);
                log.LogWarning("Outbox {Id} ({Type}) attempt {Attempt} failed: {Error}", row.Id, row.Type, row.Attempts, row.LastError);
            }
            row.LockedBy = null;
            row.LockedUntil = null;
            await db.Outbox.Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.ProcessedAt, row.ProcessedAt).SetProperty(o => o.FailedAt, row.FailedAt)
                .SetProperty(o => o.Attempts, row.Attempts).SetProperty(o => o.LastError, row.LastError)
                .SetProperty(o => o.AvailableAt, row.AvailableAt).SetProperty(o => o.LockedBy, (string?)null)
                .SetProperty(o => o.LockedUntil, (DateTime?)null), ct);
        }
        return claimed.Count;
    }

    private async Task GiveUpAsync(IOutboxHandler? handler, OutboxMessage row, CancellationToken ct)
    {
        if (handler is not IOutboxGiveUp giveUp) return;
        try { await giveUp.GiveUpAsync(row.Payload, row.LastError ?? "", ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Giving up outbox {Id} failed", row.Id); }
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));

    private async Task<List<OutboxMessage>> ClaimAsync(OtklikDb db, DateTime now, CancellationToken ct)
    {
        var until = now + Lease;
        if (db.IsPostgres)
        {
            return await db.Outbox.FromSql($"""
                UPDATE outbox SET locked_by = {_node}, locked_until = {until}
                WHERE id IN (SELECT id FROM outbox WHERE processed_at IS NULL AND failed_at IS NULL AND available_at <= {now}
                             AND (locked_until IS NULL OR locked_until < {now}) ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(ct);
        }
        // SQLite has one writer at a time, so a plain UPDATE … RETURNING is already exclusive.
        return await db.Outbox.FromSql($"""
            UPDATE outbox SET locked_by = {_node}, locked_until = {until}
            WHERE id IN (SELECT id FROM outbox WHERE processed_at IS NULL AND failed_at IS NULL AND available_at <= {now}
                         AND (locked_until IS NULL OR locked_until < {now}) ORDER BY id LIMIT 20)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
    }
}
