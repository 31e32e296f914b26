using Microsoft.EntityFrameworkCore;
using Otklik.Data;

namespace Otklik.Features.WebForms;

/// <summary>
/// A ticket number taken from the same counter real tickets use, so no ticket will ever get it. The web form shows it
/// to a bot that filled the honeypot: a made-up or missing number would tell the bot it was caught.
/// </summary>
public static class UnusedTicketNumber
{
    public static async Task<long> TakeAsync(OtklikDb db, CancellationToken ct)
    {
        if (db.IsPostgres)
            return (await db.Database.SqlQueryRaw<long>("SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS \"Value\"").ToListAsync(ct)).Single();
        // SQLite's AUTOINCREMENT never hands out a number at or below the table's sqlite_sequence entry.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'tickets', COALESCE((SELECT MAX(id) FROM tickets), 0) " +
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'tickets')", ct);
        return (await db.Database.SqlQueryRaw<long>("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'tickets' RETURNING seq AS \"Value\"")
            .ToListAsync(ct)).Single();
    }
}
