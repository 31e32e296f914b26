using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// Keeps one IMAP folder drained: fetches every UID above the last one stored (so an outage
/// or restart is back-filled), marks a message \Seen only after it is stored, then waits with
/// IDLE (or polls) for more. UIDVALIDITY changes restart the count; the dedup key keeps that
/// from doubling anything.
/// </summary>
public sealed class ImapFetcher(MailConnections connections, MailboxState state, InboundDelivery delivery, ILogger<ImapFetcher> log)
{
    /// <summary>Servers drop IDLE after 30 minutes; re-issue well before.</summary>
    private static readonly TimeSpan IdleRefresh = TimeSpan.FromMinutes(9);
    private readonly Dictionary<(long, uint), int> _failures = [];

    public async Task RunAsync(Mailbox box, CancellationToken ct)
    {
        using var client = await connections.ImapAsync(box, ct);
        var folder = await client.GetFolderAsync(box.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        long validity = box.UidValidity, lastUid = box.LastUid;
        // New mail can be announced while we drain (any command's reply may carry EXISTS): remember it,
        // or the next IDLE would wait for a message that is already there.
        var changed = true;
        CancellationTokenSource? idling = null;
        folder.CountChanged += (_, _) => { changed = true; idling?.Cancel(); };
        while (!ct.IsCancellationRequested)
        {
            while (changed)
            {
                changed = false;
                (validity, lastUid) = await DrainAsync(box, folder, validity, lastUid, ct);
            }
            if (box.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                using var arrived = CancellationTokenSource.CreateLinkedTokenSource(ct);
                arrived.CancelAfter(IdleRefresh);
                idling = arrived;
                try
                {
                    if (!changed) await client.IdleAsync(arrived.Token, ct);
                }
                finally { idling = null; }
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, box.PollSeconds)), ct);
                await client.NoOpAsync(ct);
                changed = true;
            }
        }
        await client.DisconnectAsync(true, CancellationToken.None);
    }

    private async Task<(long Validity, long LastUid)> DrainAsync(Mailbox box, IMailFolder folder, long validity, long lastUid, CancellationToken ct)
    {
        if (folder.UidValidity != validity)
        {
            if (validity != 0) log.LogWarning("Mailbox {Mailbox}: UIDVALIDITY changed {Old} → {New}; fetching the folder again", box.Id, validity, folder.UidValidity);
            validity = folder.UidValidity;
            lastUid = 0;
            await state.SavePositionAsync(box.Id, validity, lastUid, ct);
        }
        var range = new UniqueIdRange(new UniqueId((uint)Math.Min(lastUid + 1, uint.MaxValue)), UniqueId.MaxValue);
        // "n:*" always includes the newest message, even when its UID is below n.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(range), ct)).Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        await state.WaitingAsync(box.Id, uids.Count, ct);
        for (var i = 0; i < uids.Count; i++)
        {
            var uid = uids[i];
            var raw = await DownloadAsync(box, folder, uid, ct);
            if (raw is not null)
            {
                await delivery.DeliverAsync(box.Id, raw, "imap", $"{validity}:{uid.Id}", ct);
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, ct);
            }
            else if (!await delivery.GiveUpOnDownloadAsync(box.Id, $"{validity}:{uid.Id}", Failures(box, uid), ct))
                throw new MailSetupException(new MailWarning(MailConnectionTexts.Undownloadable, [uid.Id.ToString()]));
            lastUid = uid.Id;
            await state.SavePositionAsync(box.Id, validity, lastUid, ct);
            await state.WaitingAsync(box.Id, uids.Count - i - 1, ct);
        }
        await state.FetchedAsync(box.Id, 0, ct);
        return (validity, lastUid);
    }

    /// <summary>Null when the server would not give this one message; the rest of the folder must still flow.</summary>
    private async Task<byte[]?> DownloadAsync(Mailbox box, IMailFolder folder, UniqueId uid, CancellationToken ct)
    {
        try
        {
            await using var stream = await folder.GetStreamAsync(uid, ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            _failures.Remove((box.Id, uid.Id));
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is ImapCommandException or MessageNotFoundException or FormatException)
        {
            var key = (box.Id, uid.Id);
            _failures[key] = _failures.GetValueOrDefault(key) + 1;
            log.LogWarning("Mailbox {Mailbox}: UID {Uid} could not be downloaded ({Attempt}): {Error}", box.Id, uid.Id, _failures[key], ex.Message);
            return null;
        }
    }

    private int Failures(Mailbox box, UniqueId uid) => _failures.GetValueOrDefault((box.Id, uid.Id));
}
