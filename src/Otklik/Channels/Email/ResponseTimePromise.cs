using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// How soon to tell a customer they will hear from us. Honest by construction: once the inbox
/// has enough recent history, it quotes the time within which 80% of its tickets really got a
/// first answer; until then the inbox's configured promise.
/// </summary>
public sealed class ResponseTimePromise(OtklikDb db, TimeProvider clock)
{
    public const int MinimumHistory = 20;

    public Task<TimeSpan> EstimateAsync(Mailbox mailbox, CancellationToken ct) =>
        EstimateAsync(mailbox.InboxId, TimeSpan.FromHours(Math.Max(1, mailbox.PromisedResponseHours)), ct);

    /// <summary>For any inbox (the chat widget uses it too); <paramref name="promised"/> until there is history.</summary>
    public async Task<TimeSpan> EstimateAsync(long inboxId, TimeSpan promised, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var recent = await db.Tickets
            .Where(t => t.InboxId == inboxId && t.CreatedAt >= since && t.FirstResponseAt != null)
            .OrderByDescending(t => t.CreatedAt).Take(2000)
            .Select(t => new { t.CreatedAt, t.FirstResponseAt }).ToListAsync(ct);
        if (recent.Count < MinimumHistory) return promised;
        var waits = recent.Select(t => t.FirstResponseAt!.Value - t.CreatedAt).Order().ToList();
        return waits[(int)Math.Ceiling(waits.Count * 0.8) - 1];
    }

    public async Task<string> DescribeAsync(Mailbox mailbox, bool russian, CancellationToken ct) =>
        NoticeTexts.Within(await EstimateAsync(mailbox, ct), russian);
}
