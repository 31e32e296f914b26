using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;

namespace Otklik.Search;

/// <summary>
/// FTS5 over stems made by <see cref="Stemming"/>; bm25 ranks, subjects and names weigh three times a body.
/// bm25 is computed for every row that passes the WHERE clause before ORDER BY … LIMIT, which for a
/// common word is tens of thousands of rows. So, as in <see cref="PostgresSearch"/>, the first pass ranks
/// only the newest rows of each kind (FTS5 seeks its doclists to a rowid range); only when that yields
/// too few hits does a second pass rank every match.
/// </summary>
public sealed class SqliteSearch(OtklikDb db) : ISearchEngine
{
    /// <summary>How many of the newest rows per kind the first pass considers.</summary>
    private const int RecentRows = 20_000;

    private const string FullPass =
        "SELECT rowid, bm25(search_fts, 3.0, 1.0) AS r FROM search_fts WHERE search_fts MATCH $q ORDER BY r LIMIT $n";

    // rowid = id * 4 + kind, so each kind's newest rows are a rowid range above (max(id) - window) * 4. The ranges
    // of the kinds overlap; "rowid % 4" keeps each branch to its own kind, and is tested before bm25 is computed.
    private const string RecentPass = """
        SELECT rowid, r FROM (
          SELECT rowid, bm25(search_fts, 3.0, 1.0) AS r FROM search_fts
            WHERE search_fts MATCH $q AND rowid > (SELECT ifnull(max(id), 0) FROM tickets) * 4 - $w AND rowid % 4 = 0
          UNION ALL
          SELECT rowid, bm25(search_fts, 3.0, 1.0) FROM search_fts
            WHERE search_fts MATCH $q AND rowid > (SELECT ifnull(max(id), 0) FROM messages) * 4 - $w AND rowid % 4 = 1
          UNION ALL
          SELECT rowid, bm25(search_fts, 3.0, 1.0) FROM search_fts
            WHERE search_fts MATCH $q AND rowid > (SELECT ifnull(max(id), 0) FROM customers) * 4 - $w AND rowid % 4 = 2
        ) ORDER BY r LIMIT $n
        """;

    public async Task<IReadOnlyList<RawHit>> FindAsync(string query, int limit, CancellationToken ct)
    {
        var words = SearchQuery.Words(query);
        if (words.Count == 0) return [];
        // Every word must match; the last one may still be being typed, so it also matches as a prefix.
        var terms = words.Select((w, i) =>
        {
            var stem = Stemming.Stem(w);
            return i == words.Count - 1 && w.Length >= 3 ? $"(\"{stem}\" OR \"{w}\"*)" : $"\"{stem}\"";
        });
        var match = string.Join(" AND ", terms);

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var hits = await RunAsync(connection, RecentPass, match, limit, ct);
        return hits.Count >= limit ? hits : await RunAsync(connection, FullPass, match, limit, ct);
    }

    private static async Task<List<RawHit>> RunAsync(SqliteConnection connection, string sql, string match, int limit, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.Add(new SqliteParameter("$q", match));
        cmd.Parameters.Add(new SqliteParameter("$n", limit));
        cmd.Parameters.Add(new SqliteParameter("$w", (long)RecentRows * 4));
        var hits = new List<RawHit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var rowId = reader.GetInt64(0);
            var kind = (rowId % 4) switch
            {
                SqliteOtklikDb.TicketKind => HitKind.Ticket,
                SqliteOtklikDb.MessageKind => HitKind.Message,
                _ => HitKind.Customer,
            };
            hits.Add(new RawHit(kind, rowId / 4, -reader.GetDouble(1)));
        }
        return hits;
    }
}
