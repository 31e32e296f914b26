using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Otklik.Events;
using Otklik.Search;

namespace Otklik.Data;

/// <summary>
/// SQLite: the FTS5 table search_fts holds stems only (contentless); its rowid encodes
/// what a row is: id * 4 + 0 ticket subject, + 1 message body, + 2 customer.
/// </summary>
public sealed class SqliteOtklikDb(DbContextOptions<SqliteOtklikDb> options)
    : OtklikDb(options)
{
    public const int TicketKind = 0, MessageKind = 1, CustomerKind = 2;

    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite keeps no time zone; every DateTime we store is UTC, so say so on the way back.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    /// <summary>
    /// SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits out a busy database by
    /// sleeping 150 ms between retries. Saves in this process queue here instead: asynchronously,
    /// one per database file, so a write transaction never waits for the lock it would sleep on.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new();

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        var gate = WriteGates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }

    protected override async Task WriteSearchIndexAsync(SearchIndexChanges changes, CancellationToken ct)
    {
        foreach (var t in changes.Tickets) await UpsertAsync(t.Id * 4 + TicketKind, t.Subject, "", changes.Added.Contains(t), ct);
        foreach (var m in changes.Messages) await UpsertAsync(m.Id * 4 + MessageKind, "", m.BodyText, changes.Added.Contains(m), ct);
        foreach (var c in changes.Customers) await UpsertAsync(c.Id * 4 + CustomerKind, c.SearchText, "", changes.Added.Contains(c), ct);
    }

    private async Task UpsertAsync(long rowId, string title, string body, bool isNew, CancellationToken ct)
    {
        // A new row has nothing to replace, and a delete in a contentless_delete FTS5 table is not free.
        if (!isNew) await Database.ExecuteSqlAsync($"DELETE FROM search_fts WHERE rowid = {rowId}", ct);
        var t = Stemming.ToIndexText(title);
        var b = Stemming.ToIndexText(body);
        await Database.ExecuteSqlAsync($"INSERT INTO search_fts(rowid, title, body) VALUES ({rowId}, {t}, {b})", ct);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
