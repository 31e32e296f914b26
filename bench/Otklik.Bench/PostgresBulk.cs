using System.Diagnostics;
using Npgsql;

namespace Otklik.Bench;

/// <summary>
/// Fills an empty, migrated PostgreSQL database with N tickets server-side (INSERT ... SELECT
/// generate_series), the text picked from <see cref="TextGen"/>'s pools by the same hash.
/// </summary>
public static class PostgresBulk
{
    private const string EmptyJson = "{}";
    public const string Tags = "{vip,billing,delivery,bug,refund}";

    public static async Task<long> CountTicketsAsync(string cs)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM tickets", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task LoadAsync(string cs, int tickets)
    {
        var customers = Math.Max(1000, tickets / 5);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        // Skip per-row foreign key triggers while loading; the generator only makes valid ids.
        await Exec(c, "SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'");
        await Exec(c, $"""
            INSERT INTO teams (id, name, created_at) SELECT g, (ARRAY['Поддержка','Billing','Доставка','VIP'])[g], now() FROM generate_series(1, 4) g;
            INSERT INTO agents (id, email, name, password_hash, role, is_active, language, time_zone, security_stamp, created_at)
              SELECT 100 + g, 'agent' || g || '@otklik.test', 'Agent ' || g, 'x', 0, true, 'ru', 'Europe/Moscow', md5(g::text), now() FROM generate_series(1, 20) g;
            INSERT INTO team_members (team_id, agent_id) SELECT 1 + g % 4, 100 + g FROM generate_series(1, 20) g;
            """);
        var pick = (string v, int salt, string n) => $"(({v}::bigint * 2654435761 + {salt * 40503}) % 4294967291 % {n})::int";
        await Timed("customers", c, $"""
            INSERT INTO customers (id, name, is_vip, attributes, created_at, updated_at, version, search_text)
            SELECT g, n, g % 50 = 0, '{EmptyJson}', now(), now(), 0, n || ' ' || e || ' customer' || g || ' ' || replace(d, '.', ' ')
            FROM (SELECT g, @fn[1 + {pick("g", 4, "12")}] || ' ' || @ln[1 + {pick("g", 5, "12")}] AS n,
                         CASE WHEN g % 3 = 0 THEN 'example.com' ELSE 'mail.ru' END AS d,
                         'customer' || g || '@' || CASE WHEN g % 3 = 0 THEN 'example.com' ELSE 'mail.ru' END AS e
                  FROM generate_series(1, {customers}) g) x;
            INSERT INTO customer_identities (id, customer_id, kind, value, verified, created_at)
            SELECT g, g, 0, 'customer' || g || '@' || CASE WHEN g % 3 = 0 THEN 'example.com' ELSE 'mail.ru' END, true, now()
            FROM generate_series(1, {customers}) g;
            """);
        await Timed("tickets", c, $"""
            INSERT INTO tickets (id, subject, status, priority, channel, customer_id, assignee_id, team_id, custom_fields,
                                 created_at, updated_at, last_message_at, message_count, version)
            SELECT g, @subjects[1 + {pick("g", 1, "array_length(@subjects, 1)")}],
                   CASE WHEN s < 10 THEN 0 WHEN s < 45 THEN 1 WHEN s < 60 THEN 2 WHEN s < 85 THEN 4 ELSE 5 END,
                   {pick("g", 11, "4")}, {pick("g", 12, "8")}, 1 + {pick("g", 14, customers.ToString())},
                   CASE WHEN {pick("g", 7, "100")} < 30 THEN NULL ELSE 101 + {pick("g", 8, "20")} END,
                   CASE WHEN {pick("g", 9, "10")} = 0 THEN NULL ELSE 1 + {pick("g", 10, "4")} END,
                   '{EmptyJson}', at - make_interval(hours => {pick("g", 13, "72")}), at, at, 1, 0
            FROM (SELECT g, {pick("g", 6, "100")} AS s, timestamptz '2026-11-01' - make_interval(secs => ({tickets} - g) * 30) AS at
                  FROM generate_series(1, {tickets}) g) x;
            """);
        await Timed("messages", c, $"""
            INSERT INTO messages (id, ticket_id, kind, author_kind, author_customer_id, body_text, delivery_status, created_at)
            SELECT id, id, 0, 0, customer_id,
                   @sentences[1 + {pick("id", 2, "array_length(@sentences, 1)")}] || ' ' || @sentences[1 + {pick("id", 3, "array_length(@sentences, 1)")}],
                   0, created_at
            FROM tickets;
            """);
        await Timed("timeline+tags", c, $"""
            INSERT INTO timeline_events (id, ticket_id, at, kind, actor_kind, actor_agent_id, new_value)
            SELECT id, id, created_at, 'created', 1, 1, subject FROM tickets;
            INSERT INTO ticket_tags (ticket_id, name)
            SELECT id, ('{Tags}'::text[])[1 + {pick("id", 16, "5")}] FROM tickets WHERE {pick("id", 15, "10")} < 3;
            """);
        foreach (var table in new[] { "teams", "agents", "customers", "customer_identities", "tickets", "messages", "timeline_events" })
            await Exec(c, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))");
        await Exec(c, "SET session_replication_role = origin");
        await Timed("vacuum analyze", c, "VACUUM ANALYZE");
    }

    private static async Task Timed(string what, NpgsqlConnection c, string sql)
    {
        var clock = Stopwatch.StartNew();
        await Exec(c, sql);
        Console.WriteLine($"  loaded {what} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task Exec(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 3600 };
        if (sql.Contains("@fn")) cmd.Parameters.AddWithValue("fn", TextGen.FirstNames);
        if (sql.Contains("@ln")) cmd.Parameters.AddWithValue("ln", TextGen.LastNames);
        if (sql.Contains("@subjects")) cmd.Parameters.AddWithValue("subjects", TextGen.Subjects);
        if (sql.Contains("@sentences")) cmd.Parameters.AddWithValue("sentences", TextGen.Sentences);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task RecreateDatabaseAsync(string adminCs, string name)
    {
        await using var c = new NpgsqlConnection(adminCs);
        await c.OpenAsync();
        await Exec(c, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await Exec(c, $"CREATE DATABASE {name}");
    }
}
