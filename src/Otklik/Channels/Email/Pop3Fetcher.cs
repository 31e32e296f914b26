using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// POP3 has no flags and no push: poll, compare the server's UIDLs with the ones already in
/// the inbound ledger, download the rest. Mail is left on the server, so nothing is lost if
/// Otklik's storage is rolled back; the UIDL ledger keeps it from being fetched twice.
/// </summary>
public sealed class Pop3Fetcher(MailConnections connections, MailboxState state, InboundDelivery delivery, IServiceScopeFactory scopes)
{
    public async Task RunAsync(Mailbox box, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using (var client = await connections.Pop3Async(box, ct))
            {
                var uidls = await client.GetMessageUidsAsync(ct);
                var known = await KnownAsync(box.InboxId, uidls, ct);
                var pending = Enumerable.Range(0, uidls.Count).Where(i => !known.Contains(uidls[i])).ToList();
                await state.WaitingAsync(box.Id, pending.Count, ct);
                for (var n = 0; n < pending.Count; n++)
                {
                    await using var stream = await client.GetStreamAsync(pending[n], false, ct);
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, ct);
                    await delivery.DeliverAsync(box.Id, buffer.ToArray(), "pop3", uidls[pending[n]], ct);
                    await state.WaitingAsync(box.Id, pending.Count - n - 1, ct);
                }
                await client.DisconnectAsync(true, ct);
            }
            await state.FetchedAsync(box.Id, 0, ct);
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, box.PollSeconds)), ct);
        }
    }

    private async Task<HashSet<string>> KnownAsync(long inboxId, IList<string> uidls, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var known = new HashSet<string>();
        foreach (var chunk in uidls.Chunk(500))
            known.UnionWith(await db.InboundEmails.Where(x => x.InboxId == inboxId && x.SourceUid != null && chunk.Contains(x.SourceUid))
                .Select(x => x.SourceUid!).ToListAsync(ct));
        return known;
    }
}
