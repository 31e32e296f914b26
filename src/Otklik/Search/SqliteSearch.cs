using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;

namespace Otklik.Search;

/// <summary>FTS5 over stems made by <see cref="Stemming"/>; bm25 ranks, subjects and names weigh three times a body.</summary>
public sealed class SqliteSearch(OtklikDb db) : ISearchEngine
{
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

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT rowid, bm25(search_fts, 3.0, 1.0) AS r FROM search_fts WHERE search_fts MATCH $q ORDER BY r LIMIT $n";
        cmd.Parameters.Add(new SqliteParameter("$q", match));
        cmd.Parameters.Add(new SqliteParameter("$n", limit));
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
