using Microsoft.EntityFrameworkCore;
using Otklik.Infrastructure;

namespace Otklik.Data;

public static class DatabaseSetup
{
    /// <summary>The one place that picks the database, so a later per-organisation choice has one place to change.</summary>
    public static IServiceCollection AddOtklikDatabase(this IServiceCollection services, OtklikOptions options)
    {
        if (options.Database.IsPostgres)
        {
            var cs = PostgresConnectionString(options.Database.ConnectionString
                     ?? throw new InvalidOperationException("Otklik:Database:ConnectionString is required for PostgreSQL."));
            services.AddPooledDbContextFactory<PostgresOtklikDb>(o => o
                .UseNpgsql(cs, n => n.MigrationsHistoryTable("__ef_migrations"))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            services.AddScoped<OtklikDb>(sp => Rent(sp, sp.GetRequiredService<IDbContextFactory<PostgresOtklikDb>>()));
        }
        else
        {
            var cs = SqliteConnectionString(options);
            services.AddPooledDbContextFactory<SqliteOtklikDb>(o => o
                .UseSqlite(cs, s => s.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(new SqliteUnicodeCase())
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
            services.AddScoped<OtklikDb>(sp => Rent(sp, sp.GetRequiredService<IDbContextFactory<SqliteOtklikDb>>()));
        }
        return services;
    }

    /// <summary>
    /// Contexts come from a pool (building one is a large share of a small request); the scope's
    /// dispatcher is attached on every rent, and disposing the scope returns the context.
    /// </summary>
    private static OtklikDb Rent<T>(IServiceProvider sp, IDbContextFactory<T> factory) where T : OtklikDb
    {
        var db = factory.CreateDbContext();
        db.Dispatcher = sp.GetRequiredService<Events.DomainEventDispatcher>();
        return db;
    }

    /// <summary>
    /// Npgsql prepares statements it sees repeatedly (the same few per request) unless the operator chose
    /// otherwise: the server then skips parsing and planning them. They survive the pool's reset on close.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (b.MaxAutoPrepare == 0) b.MaxAutoPrepare = 50;
        return b.ConnectionString;
    }

    public static string SqliteConnectionString(OtklikOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString)) return options.Database.ConnectionString;
        Directory.CreateDirectory(options.DataPath);
        return $"Data Source={Path.Combine(options.DataPath, "otklik.db")};Foreign Keys=True;Default Timeout=30";
    }

    /// <summary>Creates or upgrades the schema; WAL lets readers work while a writer commits.</summary>
    public static async Task MigrateAsync(OtklikDb db, CancellationToken ct)
    {
        if (!db.IsPostgres) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
        await Features.Customers.IdentityMatchKeys.BackfillAsync(db, ct);
    }
}
