using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Otklik.Events;
using Otklik.Search;

namespace Otklik.Data;

/// <summary>
/// SQLite: the FTS5 table search_fts holds stems only (contentless); its rowid encodes
/// what a row is: id * 4 + 0 ticket subject, + 1 message body, + 2 customer.
/// </summary>
public sealed class SqliteOtklikDb(DbContextOptions<SqliteOtklikDb> options, DomainEventDispatcher? dispatcher = null)
    : OtklikDb(options, dispatcher)
{
    public const int TicketKind = 0, MessageKind = 1, CustomerKind = 2;

    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite keeps no time zone; every DateTime we store is UTC, so say so on the way back.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    protected override async Task WriteSearchIndexAsync(SearchIndexChanges changes, CancellationToken ct)
    {
        foreach (var t in changes.Tickets) await UpsertAsync(t.Id * 4 + TicketKind, t.Subject, "", ct);
        foreach (var m in changes.Messages) await UpsertAsync(m.Id * 4 + MessageKind, "", m.BodyText, ct);
        foreach (var c in changes.Customers) await UpsertAsync(c.Id * 4 + CustomerKind, c.SearchText, "", ct);
    }

    private async Task UpsertAsync(long rowId, string title, string body, CancellationToken ct)
    {
        await Database.ExecuteSqlAsync($"DELETE FROM search_fts WHERE rowid = {rowId}", ct);
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
