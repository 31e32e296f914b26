using Microsoft.EntityFrameworkCore;
using Npgsql;
using Otklik.Data;

namespace Otklik.Search;

/// <summary>
/// PostgreSQL full-text search over the stored tsvectors. Ranking reads every candidate vector, so
/// each kind is first cut to its most recent matches. Finding those is the expensive part for a
/// common word (tens of thousands of GIN hits, each a heap fetch), so the first pass looks only at
/// the newest rows of each table; only when that yields too few hits does a second pass read all matches.
/// </summary>
public sealed class PostgresSearch(OtklikDb db) : ISearchEngine
{
    private const int CandidatesPerKind = 1000;
    /// <summary>How many of the newest rows per table the first pass considers.</summary>
    private const int RecentRows = 20_000;

    private const string Sql = """
        WITH q AS (SELECT to_tsquery('russian', @q) AS q),
        t AS {0}(SELECT id, search_vector FROM tickets WHERE search_vector @@ to_tsquery('russian', @q) {1}),
        m AS {0}(SELECT id, search_vector FROM messages WHERE search_vector @@ to_tsquery('russian', @q) {2}),
        c AS {0}(SELECT id, search_vector FROM customers WHERE search_vector @@ to_tsquery('russian', @q) AND merged_into_id IS NULL {3})
        SELECT kind, id, rank FROM (
          SELECT 0 AS kind, x.id, ts_rank(x.search_vector, q.q) * 3 AS rank FROM (SELECT * FROM t ORDER BY id DESC LIMIT @c) x, q
          UNION ALL
          SELECT 1, x.id, ts_rank(x.search_vector, q.q) FROM (SELECT * FROM m ORDER BY id DESC LIMIT @c) x, q
          UNION ALL
          SELECT 2, x.id, ts_rank(x.search_vector, q.q) * 3 FROM (SELECT * FROM c ORDER BY id DESC LIMIT @c) x, q
        ) hits ORDER BY rank DESC, id DESC LIMIT @n
        """;

    private static readonly string RecentPass = string.Format(Sql, "NOT MATERIALIZED ",
        "AND id > (SELECT max(id) FROM tickets) - @w", "AND id > (SELECT max(id) FROM messages) - @w", "AND id > (SELECT max(id) FROM customers) - @w");

    // MATERIALIZED: collect all matches through the GIN index, rather than walk the primary key backwards hoping to meet some.
    private static readonly string FullPass = string.Format(Sql, "MATERIALIZED ", "", "", "");

    public async Task<IReadOnlyList<RawHit>> FindAsync(string query, int limit, CancellationToken ct)
    {
        var words = SearchQuery.Words(query);
        if (words.Count == 0) return [];
        var tsquery = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 && w.Length >= 3 ? $"({w} | {w}:*)" : w));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var hits = await RunAsync(connection, RecentPass, tsquery, limit, ct);
        return hits.Count >= limit ? hits : await RunAsync(connection, FullPass, tsquery, limit, ct);
    }

    private static async Task<List<RawHit>> RunAsync(NpgsqlConnection connection, string sql, string tsquery, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("q", tsquery);
        cmd.Parameters.AddWithValue("c", CandidatesPerKind);
        cmd.Parameters.AddWithValue("n", limit);
        cmd.Parameters.AddWithValue("w", (long)RecentRows);
        var hits = new List<RawHit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add(new RawHit((HitKind)reader.GetInt32(0), reader.GetInt64(1), reader.GetFloat(2)));
        return hits;
    }
}
