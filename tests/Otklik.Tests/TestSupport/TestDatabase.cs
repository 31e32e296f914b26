using Microsoft.Data.Sqlite;
using Npgsql;

namespace Otklik.Tests.TestSupport;

public enum DbProvider { Sqlite, Postgres }

/// <summary>
/// A real, empty database for one fixture: a SQLite file in a temp folder, or a freshly
/// created PostgreSQL database (dropped on dispose). Outlives any number of app hosts,
/// so restart tests can start a second host on the same data.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnv = "OTKLIK_TEST_POSTGRES";

    /// <summary>Temp folder for Otklik:DataPath (files, and the SQLite database).</summary>
    public string DataPath { get; } = Directory.CreateTempSubdirectory("otklik-test-").FullName;

    public abstract DbProvider Provider { get; }

    /// <summary>Settings under "Otklik:" that point the app at this database.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<TestDatabase> CreateAsync(DbProvider provider)
    {
        if (provider == DbProvider.Sqlite) return new SqliteTestDatabase();
        var db = new PostgresTestDatabase(PostgresTestDatabase.ServerFromEnvironment());
        await db.CreateAsync();
        return db;
    }

    public virtual ValueTask DisposeAsync()
    {
        try { Directory.Delete(DataPath, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown: temp space, not worth failing a test */ }
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public override DbProvider Provider => DbProvider.Sqlite;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Otklik:Database:Provider"] = "Sqlite",
        ["Otklik:DataPath"] = DataPath,
    };

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = "otklik_test_" + Guid.NewGuid().ToString("N")[..16];

    public PostgresTestDatabase(string server) => _server = server;

    /// <summary>Fails loudly when PostgreSQL is not configured: a silently skipped provider is a hole in the suite.</summary>
    public static string ServerFromEnvironment() =>
        Environment.GetEnvironmentVariable(PostgresEnv) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"PostgreSQL tests need the environment variable {PostgresEnv}, e.g. " +
                "'Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres'. Run ./test.sh, which starts PostgreSQL and sets it.");

    public override DbProvider Provider => DbProvider.Postgres;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Otklik:Database:Provider"] = "Postgres",
        ["Otklik:Database:ConnectionString"] = ConnectionString,
        ["Otklik:DataPath"] = DataPath,
    };

    public async Task CreateAsync() => await ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        await base.DisposeAsync();
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var cs = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
