using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// The fetch bookkeeping of a mailbox, written column by column so that a fetcher never
/// overwrites what an admin is editing at the same time.
/// </summary>
public sealed class MailboxState(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<Mailbox?> LoadAsync(long id, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        return await db.Mailboxes.Include(b => b.Inbox).FirstOrDefaultAsync(b => b.Id == id, ct);
    }

    public Task SavePositionAsync(long id, long uidValidity, long lastUid, CancellationToken ct) =>
        UpdateAsync(id, q => q.ExecuteUpdateAsync(s => s.SetProperty(b => b.UidValidity, uidValidity).SetProperty(b => b.LastUid, lastUid), ct));

    public Task FetchedAsync(long id, int waiting, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return UpdateAsync(id, q => q.ExecuteUpdateAsync(s => s.SetProperty(b => b.LastFetchAt, now).SetProperty(b => b.Waiting, waiting)
            .SetProperty(b => b.LastError, (string?)null), ct));
    }

    public Task WaitingAsync(long id, int waiting, CancellationToken ct) =>
        UpdateAsync(id, q => q.ExecuteUpdateAsync(s => s.SetProperty(b => b.Waiting, waiting), ct));

    public Task FailedAsync(long id, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var text = EmailIngestion.Cut(error, 2000);
        return UpdateAsync(id, q => q.ExecuteUpdateAsync(s => s.SetProperty(b => b.LastError, text).SetProperty(b => b.LastErrorAt, now), ct));
    }

    /// <summary>Takes or renews the right to fetch this mailbox; false when another node holds it.</summary>
    public async Task<bool> LeaseAsync(long id, string node, TimeSpan length, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        return await db.Mailboxes.Where(b => b.Id == id && (b.LeasedBy == null || b.LeasedBy == node || b.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeasedBy, node).SetProperty(b => b.LeasedUntil, until), ct) == 1;
    }

    public Task ReleaseAsync(long id, string node, CancellationToken ct) =>
        UpdateAsync(id, q => q.Where(b => b.LeasedBy == node)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeasedBy, (string?)null).SetProperty(b => b.LeasedUntil, (DateTime?)null), ct));

    private async Task UpdateAsync(long id, Func<IQueryable<Mailbox>, Task<int>> update)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        await update(db.Mailboxes.Where(b => b.Id == id));
    }
}
