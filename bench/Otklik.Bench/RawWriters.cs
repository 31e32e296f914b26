using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Otklik.Search;

namespace Otklik.Bench;

/// <summary>
/// The baseline: the rows one API create writes (customer + email identity, ticket, first message,
/// "created" timeline event, search rows), inserted with plain prepared ADO.NET commands in one
/// transaction per ticket, one connection per worker.
/// </summary>
public abstract class RawWriter : IAsyncDisposable
{
    protected const string Customer = "INSERT INTO customers (name, is_vip, attributes, created_at, updated_at, version, search_text) VALUES (@name, false, '{}', @now, @now, 0, @st) RETURNING id";
    protected const string Identity = "INSERT INTO customer_identities (customer_id, kind, value, verified, created_at) VALUES (@c, 0, @email, false, @now)";
    protected const string Ticket = "INSERT INTO tickets (subject, status, priority, channel, customer_id, custom_fields, created_at, updated_at, last_message_at, message_count, version) VALUES (@subject, 0, 1, 3, @c, '{}', @now, @now, @now, 1, 0) RETURNING id";
    protected const string Message = "INSERT INTO messages (ticket_id, kind, author_kind, author_customer_id, body_text, delivery_status, created_at) VALUES (@t, 0, 0, @c, @body, 0, @now) RETURNING id";
    protected const string Timeline = "INSERT INTO timeline_events (ticket_id, at, kind, actor_kind, actor_agent_id, new_value) VALUES (@t, @now, 'created', 1, 1, @subject)";

    private readonly DbConnection[] _connections;
    private readonly Dictionary<string, DbCommand>[] _commands;

    protected RawWriter(DbConnection[] connections)
    {
        _connections = connections;
        _commands = connections.Select(_ => new Dictionary<string, DbCommand>()).ToArray();
    }

    public async Task InsertAsync(int worker, int i, string emailPrefix)
    {
        var connection = _connections[worker];
        var now = DateTime.UtcNow;
        var email = TextGen.Email(i, emailPrefix);
        var name = TextGen.Name(i);
        var subject = TextGen.Subject(i);
        var body = TextGen.Body(i);
        var searchText = $"{name} {email} {string.Join(' ', Stemming.Words(email))}";
        using var writeTurn = await EnterWriteAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var c = (long)(await Run(worker, tx, Customer, ("name", name), ("now", now), ("st", searchText)).ExecuteScalarAsync())!;
        await Run(worker, tx, Identity, ("c", c), ("email", email), ("now", now)).ExecuteNonQueryAsync();
        var t = (long)(await Run(worker, tx, Ticket, ("subject", subject), ("c", c), ("now", now)).ExecuteScalarAsync())!;
        var m = (long)(await Run(worker, tx, Message, ("t", t), ("c", c), ("body", body), ("now", now)).ExecuteScalarAsync())!;
        await Run(worker, tx, Timeline, ("t", t), ("now", now), ("subject", subject)).ExecuteNonQueryAsync();
        await WriteSearchAsync(worker, tx, (t, subject), (m, body), (c, searchText));
        await tx.CommitAsync();
    }

    /// <summary>A turn to write, where the database has one writer at a time; null where it queues writers itself.</summary>
    protected virtual Task<IDisposable?> EnterWriteAsync() => Task.FromResult<IDisposable?>(null);

    protected virtual Task WriteSearchAsync(int worker, DbTransaction tx, (long Id, string Text) ticket, (long Id, string Text) message, (long Id, string Text) customer) =>
        Task.CompletedTask;

    protected DbCommand Run(int worker, DbTransaction tx, string sql, params (string Name, object Value)[] args)
    {
        if (!_commands[worker].TryGetValue(sql, out var cmd))
        {
            cmd = _connections[worker].CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in args)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = n;
                p.Value = v;
                cmd.Parameters.Add(p);
            }
            cmd.Transaction = tx;
            cmd.Prepare();
            _commands[worker][sql] = cmd;
        }
        cmd.Transaction = tx;
        for (var k = 0; k < args.Length; k++) cmd.Parameters[k].Value = args[k].Value;
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _commands.SelectMany(d => d.Values)) await cmd.DisposeAsync();
        foreach (var c in _connections) await c.DisposeAsync();
    }
}

public sealed class SqliteRawWriter : RawWriter
{
    private SqliteRawWriter(DbConnection[] c) : base(c) { }

    public static async Task<SqliteRawWriter> OpenAsync(string dbFile, int workers)
    {
        var connections = new DbConnection[workers];
        for (var w = 0; w < workers; w++)
        {
            connections[w] = new SqliteConnection($"Data Source={dbFile};Foreign Keys=True;Default Timeout=30");
            await connections[w].OpenAsync();
        }
        return new SqliteRawWriter(connections);
    }

    /// <summary>Like the app: writers queue in-process instead of meeting SQLITE_BUSY and the driver's sleeping retries.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task<IDisposable?> EnterWriteAsync()
    {
        await _gate.WaitAsync();
        return new Turn(_gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    protected override async Task WriteSearchAsync(int worker, DbTransaction tx, (long Id, string Text) ticket, (long Id, string Text) message, (long Id, string Text) customer)
    {
        const string sql = "INSERT INTO search_fts(rowid, title, body) VALUES (@r, @t, @b)";
        await Run(worker, tx, sql, ("r", ticket.Id * 4), ("t", Stemming.ToIndexText(ticket.Text)), ("b", "")).ExecuteNonQueryAsync();
        await Run(worker, tx, sql, ("r", message.Id * 4 + 1), ("t", ""), ("b", Stemming.ToIndexText(message.Text))).ExecuteNonQueryAsync();
        await Run(worker, tx, sql, ("r", customer.Id * 4 + 2), ("t", Stemming.ToIndexText(customer.Text)), ("b", "")).ExecuteNonQueryAsync();
    }
}

/// <summary>PostgreSQL computes the search vectors itself (stored generated columns), as it does for the app.</summary>
public sealed class PostgresRawWriter : RawWriter
{
    private PostgresRawWriter(DbConnection[] c) : base(c) { }

    public static async Task<PostgresRawWriter> OpenAsync(string connectionString, int workers)
    {
        var connections = new DbConnection[workers];
        for (var w = 0; w < workers; w++)
        {
            connections[w] = new NpgsqlConnection(connectionString);
            await connections[w].OpenAsync();
        }
        return new PostgresRawWriter(connections);
    }
}
