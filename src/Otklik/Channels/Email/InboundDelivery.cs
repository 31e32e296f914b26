using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Files;

namespace Otklik.Channels.Email;

/// <summary>Hands one fetched message to the ingestion in a fresh scope (its own unit of work), so messages never share a context.</summary>
public sealed class InboundDelivery(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>After this many failed downloads of one message it is recorded as quarantined and skipped.</summary>
    public const int DownloadAttempts = 3;

    public async Task<IngestResult> DeliverAsync(long mailboxId, byte[] raw, string source, string? sourceUid, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        await using var held = await db.HoldConnectionAsync(ct);
        var mailbox = await db.Mailboxes.Include(b => b.Inbox).FirstAsync(b => b.Id == mailboxId, ct);
        return await scope.ServiceProvider.GetRequiredService<EmailIngestion>().IngestAsync(mailbox, raw, source, sourceUid, ct);
    }

    /// <summary>True when the message is now recorded as quarantined and the fetcher may go past it.</summary>
    public async Task<bool> GiveUpOnDownloadAsync(long mailboxId, string sourceUid, int failures, CancellationToken ct)
    {
        if (failures < DownloadAttempts) return false;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var inboxId = await db.Mailboxes.Where(b => b.Id == mailboxId).Select(b => b.InboxId).FirstAsync(ct);
        var (sha, size) = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream([]), 0, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.InboundEmails.Add(new InboundEmail
        {
            InboxId = inboxId, Source = "imap", SourceUid = sourceUid, DedupKey = $"undownloadable:{sourceUid}", RawSha256 = sha, Size = size,
            Status = InboundEmailStatus.Quarantined, ReceivedAt = now, ProcessedAt = now, Attempts = failures,
            Error = $"The mail server would not return this message after {failures} attempts; it is still on the server (UID {sourceUid}).",
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
