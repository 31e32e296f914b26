using Microsoft.EntityFrameworkCore;
using Npgsql;
using Otklik.Data;

namespace Otklik.Search;

/// <summary>
/// PostgreSQL full-text search over the stored tsvectors. Ranking reads every matching
/// vector, so for very common words each kind is first cut to its most recent matches.
/// </summary>
public sealed class PostgresSearch(OtklikDb db) : ISearchEngine
{
    private const int CandidatesPerKind = 1000;

    public async Task<IReadOnlyList<RawHit>> FindAsync(string query, int limit, CancellationToken ct)
    {
        var words = SearchQuery.Words(query);
        if (words.Count == 0) return [];
        var tsquery = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 && w.Length >= 3 ? $"({w} | {w}:*)" : w));

        const string sql = """
            WITH q AS (SELECT to_tsquery('russian', @q) AS q)
            SELECT kind, id, rank FROM (
              SELECT 0 AS kind, t.id, ts_rank(t.search_vector, q.q) * 3 AS rank
              FROM (SELECT id, search_vector FROM tickets, q WHERE search_vector @@ q.q ORDER BY id DESC LIMIT @c) t, q
              UNION ALL
              SELECT 1, m.id, ts_rank(m.search_vector, q.q)
              FROM (SELECT id, search_vector FROM messages, q WHERE search_vector @@ q.q ORDER BY id DESC LIMIT @c) m, q
              UNION ALL
              SELECT 2, c.id, ts_rank(c.search_vector, q.q) * 3
              FROM (SELECT id, search_vector FROM customers, q WHERE search_vector @@ q.q AND merged_into_id IS NULL ORDER BY id DESC LIMIT @c) c, q
            ) hits ORDER BY rank DESC, id DESC LIMIT @n
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("q", tsquery);
        cmd.Parameters.AddWithValue("c", CandidatesPerKind);
        cmd.Parameters.AddWithValue("n", limit);
        var hits = new List<RawHit>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add(new RawHit((HitKind)reader.GetInt32(0), reader.GetInt64(1), reader.GetFloat(2)));
        return hits;
    }
}
