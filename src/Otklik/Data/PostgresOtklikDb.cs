using Microsoft.EntityFrameworkCore;
using Otklik.Events;

namespace Otklik.Data;

/// <summary>PostgreSQL: search vectors are stored generated columns, nothing to write by hand.</summary>
public sealed class PostgresOtklikDb(DbContextOptions<PostgresOtklikDb> options)
    : OtklikDb(options)
{
    public override bool IsPostgres => true;

    protected override Task WriteSearchIndexAsync(SearchIndexChanges changes, CancellationToken ct) => Task.CompletedTask;
}
