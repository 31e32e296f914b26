using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Otklik.Data;

/// <summary>Used only by `dotnet ef migrations add`; the app configures contexts in DatabaseSetup.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteOtklikDb>
{
    public SqliteOtklikDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOtklikDb>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresOtklikDb>
{
    public PostgresOtklikDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOtklikDb>().UseNpgsql("Host=localhost;Database=design", n => n.MigrationsHistoryTable("__ef_migrations")).Options);
}
