using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Otklik.Search;

namespace Otklik.Bench;

/// <summary>
/// Fills an empty, migrated SQLite database with N tickets in one transaction of prepared
/// inserts, and writes search_fts rows with Otklik's own stemming, as the app would.
/// </summary>
public static class SqliteBulk
{
    private static readonly string[] TagNames = ["vip", "billing", "delivery", "bug", "refund"];

    public static string ConnectionString(string dbFile) => $"Data Source={dbFile};Foreign Keys=True;Default Timeout=30";

    public static async Task<long> CountTicketsAsync(string dbFile)
    {
        if (!File.Exists(dbFile)) return 0;
        await using var c = new SqliteConnection(ConnectionString(dbFile));
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM tickets";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task LoadAsync(string dbFile, int tickets)
    {
        var clock = Stopwatch.StartNew();
        var customers = Math.Max(1000, tickets / 5);
        await using var c = new SqliteConnection(ConnectionString(dbFile));
        await c.OpenAsync();
        await Exec(c, "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000");
        await using (var tx = c.BeginTransaction())
        {
            var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            string[] teams = ["Поддержка", "Billing", "Доставка", "VIP"];
            for (var g = 1; g <= 4; g++) await Exec(c, tx, $"INSERT INTO teams (id, name, created_at) VALUES ({g}, '{teams[g - 1]}', '2026-11-01 00:00:00')");
            for (var g = 1; g <= 20; g++)
            {
                await Exec(c, tx, $"INSERT INTO agents (id, email, name, password_hash, role, is_active, language, time_zone, security_stamp, created_at) " +
                              $"VALUES ({100 + g}, 'agent{g}@otklik.test', 'Agent {g}', 'x', 0, 1, 'ru', 'Europe/Moscow', 's{g}', '2026-11-01 00:00:00')");
                await Exec(c, tx, $"INSERT INTO team_members (team_id, agent_id) VALUES ({1 + g % 4}, {100 + g})");
            }
            var customer = Prepare(c, tx, "INSERT INTO customers (id, name, is_vip, attributes, created_at, updated_at, version, search_text) VALUES ($1, $2, $3, '{}', $4, $4, 0, $5)");
            var identity = Prepare(c, tx, "INSERT INTO customer_identities (id, customer_id, kind, value, verified, created_at) VALUES ($1, $1, 0, $2, 1, $3)");
            var fts = Prepare(c, tx, "INSERT INTO search_fts (rowid, title, body) VALUES ($1, $2, $3)");
            for (long g = 1; g <= customers; g++)
            {
                var name = TextGen.Name(g);
                var email = TextGen.Email(g);
                var searchText = $"{name} {email} {string.Join(' ', Stemming.Words(email))}";
                await Run(customer, g, name, g % 50 == 0, now, searchText);
                await Run(identity, g, email, now);
                await Run(fts, g * 4 + 2, Stemming.ToIndexText(searchText), "");
            }
            var ticket = Prepare(c, tx, "INSERT INTO tickets (id, subject, status, priority, channel, customer_id, assignee_id, team_id, custom_fields, created_at, updated_at, last_message_at, message_count, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '{}', $9, $10, $10, 1, 0)");
            var message = Prepare(c, tx, "INSERT INTO messages (id, ticket_id, kind, author_kind, author_customer_id, body_text, delivery_status, created_at) VALUES ($1, $1, 0, 0, $2, $3, 0, $4)");
            var timeline = Prepare(c, tx, "INSERT INTO timeline_events (id, ticket_id, at, kind, actor_kind, actor_agent_id, new_value) VALUES ($1, $1, $2, 'created', 1, 1, $3)");
            var tag = Prepare(c, tx, "INSERT INTO ticket_tags (ticket_id, name) VALUES ($1, $2)");
            for (long t = 1; t <= tickets; t++)
            {
                var i = t - 1;
                var s = TextGen.Pick(i, 6, 100);
                var status = s < 10 ? 0 : s < 45 ? 1 : s < 60 ? 2 : s < 85 ? 4 : 5;
                object assignee = TextGen.Pick(i, 7, 100) < 30 ? DBNull.Value : 101 + TextGen.Pick(i, 8, 20);
                object team = TextGen.Pick(i, 9, 10) == 0 ? DBNull.Value : 1 + TextGen.Pick(i, 10, 4);
                var at = now.AddSeconds(-(tickets - t) * 30);
                var created = at.AddHours(-TextGen.Pick(i, 13, 72));
                var customerId = 1 + TextGen.Pick(i, 14, customers);
                var subject = TextGen.Subject(i);
                var body = TextGen.Body(i);
                await Run(ticket, t, subject, status, TextGen.Pick(i, 11, 4), TextGen.Pick(i, 12, 8), customerId, assignee, team, created, at);
                await Run(message, t, customerId, body, created);
                await Run(timeline, t, created, subject);
                if (TextGen.Pick(i, 15, 10) < 3) await Run(tag, t, TagNames[TextGen.Pick(i, 16, 5)]);
                await Run(fts, t * 4, Stemming.ToIndexText(subject), "");
                await Run(fts, t * 4 + 1, "", Stemming.ToIndexText(body));
            }
            await tx.CommitAsync();
        }
        await Exec(c, "ANALYZE");
        await Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
        Console.WriteLine($"  loaded {tickets} tickets, {customers} customers in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var n = sql.Split('$').Skip(1).Select(p => int.Parse(new string(p.TakeWhile(char.IsDigit).ToArray()))).Max();
        for (var k = 1; k <= n; k++) cmd.Parameters.Add(new SqliteParameter("$" + k, null));
        cmd.Prepare();
        return cmd;
    }

    private static Task<int> Run(SqliteCommand cmd, params object[] values)
    {
        for (var k = 0; k < values.Length; k++) cmd.Parameters[k].Value = values[k];
        return cmd.ExecuteNonQueryAsync();
    }

    private static async Task Exec(SqliteConnection c, string sql) => await Exec(c, null, sql);

    private static async Task Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
