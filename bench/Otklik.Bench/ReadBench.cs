using System.Text.Json;

namespace Otklik.Bench;

/// <summary>Inbox pages and search on a bulk-loaded database, next to a bare endpoint and the raw inbox SQL.</summary>
public static class ReadBench
{
    public static async Task<List<Summary>> RunAsync(BenchOptions o, string provider, int tickets)
    {
        var postgres = provider == "postgres";
        var dir = Path.Combine(o.WorkRoot, $"{provider}-read-{tickets}");
        var dbFile = Path.Combine(dir, "data", "otklik.db");
        var dbName = $"bench_read_{tickets}";
        var cs = postgres ? o.PostgresDatabase(dbName) : null;

        long existing;
        try
        {
            existing = postgres ? await PostgresBulk.CountTicketsAsync(cs!) : await SqliteBulk.CountTicketsAsync(dbFile);
        }
        catch (Exception)
        {
            existing = -1;
        }
        if (existing != tickets || !o.ReuseData)
        {
            Console.WriteLine($"  preparing a database with {tickets} tickets...");
            // The count above left a pooled connection to the old database: on SQLite it would keep writing into the
            // deleted file, on PostgreSQL it dies with the forced DROP. Start the load on fresh connections.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            if (postgres) await PostgresBulk.RecreateDatabaseAsync(o.PostgresDatabase("postgres"), dbName);
            await (await AppProcess.StartAsync(o, dir, cs)).DisposeAsync(); // migrates, creates the admin
            if (postgres) await PostgresBulk.LoadAsync(cs!, tickets);
            else await SqliteBulk.LoadAsync(dbFile, tickets);
        }
        else Console.WriteLine($"  reusing the database with {tickets} tickets");

        var results = new List<Summary>();
        await using (var app = await AppProcess.StartAsync(o, dir, cs))
        {
            var http = app.Http;
            (string Name, string Url)[] scenarios =
            [
                ("Bare endpoint /health/live", "/health/live"),
                ("Inbox: status=open", "/api/v1/tickets?status=open&limit=50"),
                ("Inbox: open, assignee=none", "/api/v1/tickets?status=open&assignee=none&limit=50"),
                ($"Search q={TextGen.CommonWord}", $"/api/v1/search?q={Uri.EscapeDataString(TextGen.CommonWord)}"),
            ];
            foreach (var (name, url) in scenarios)
            {
                Console.WriteLine($"  {name}: {Describe(await http.GetStringAsync(url))}");
                await Load.RunAsync("warm-up", o.ReadWarmup, o.ReadConcurrency, (_, _) => GetAsync(http, url));
            }
            // One client: the latency an agent sees. Several: the same under load from colleagues.
            foreach (var clients in new[] { 1, o.ReadConcurrency }.Distinct())
                foreach (var (name, url) in scenarios)
                    results.Add(await Load.RunAsync($"{name} [{clients}]", o.Reads, clients, (_, _) => GetAsync(http, url)));
        }
        results.Add(await RawInboxAsync(o, postgres ? cs! : SqliteBulk.ConnectionString(dbFile), postgres));
        return results;
    }

    private static async Task GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static string Describe(string json)
    {
        if (!json.StartsWith('{')) return json.Length > 60 ? json[..60] : json;
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("items", out var items)
            ? $"{items.GetArrayLength()} items" : json.Length > 60 ? json[..60] : json;
    }

    /// <summary>The inbox page query as plain SQL on one connection: what the database alone costs.</summary>
    private static async Task<Summary> RawInboxAsync(BenchOptions o, string cs, bool postgres)
    {
        const string sql = """
            SELECT t.id, t.subject, t.status, t.priority, t.channel, t.customer_id, c.name, t.assignee_id, a.name, t.team_id, tm.name,
                   t.created_at, t.updated_at, t.last_message_at, t.message_count, t.version
            FROM tickets t JOIN customers c ON c.id = t.customer_id
            LEFT JOIN agents a ON a.id = t.assignee_id LEFT JOIN teams tm ON tm.id = t.team_id
            WHERE t.status = 1 AND t.merged_into_id IS NULL
            ORDER BY t.last_message_at DESC, t.id DESC LIMIT 51
            """;
        await using System.Data.Common.DbConnection c = postgres ? new Npgsql.NpgsqlConnection(cs) : new Microsoft.Data.Sqlite.SqliteConnection(cs);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await Load.RunAsync("Inbox: raw SQL [1]", o.Reads, 1, async (_, _) =>
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
    }
}
