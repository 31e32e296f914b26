using Otklik.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// Runs one fetch loop per active IMAP/POP3 mailbox. Each mailbox is leased in the database,
/// so with several nodes exactly one of them fetches it; a loop that fails records the error
/// for the admin's status panel and reconnects with back-off. Settings changes restart it.
/// </summary>
public sealed class MailboxPoller(IServiceScopeFactory scopes, MailboxState state, ImapFetcher imap, Pop3Fetcher pop3,
    TimeProvider clock, ILogger<MailboxPoller> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    private readonly string _node = LeaseHolder.NewName();
    private readonly Dictionary<long, (string Settings, CancellationTokenSource Stop, Task Loop)> _running = [];
    private readonly SemaphoreSlim _nudge = new(0, 1);

    /// <summary>Look at the mailboxes now rather than at the next tick: an admin just saved one.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0) try { _nudge.Release(); } catch (SemaphoreFullException) { /* already nudged */ }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SuperviseAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Mailbox supervision failed"); }
            try { await _nudge.WaitAsync(Tick, stoppingToken); } catch (OperationCanceledException) { break; }
        }
        foreach (var (id, run) in _running)
        {
            await run.Stop.CancelAsync();
            await run.Loop.ContinueWith(_ => { }, CancellationToken.None);
            await state.ReleaseAsync(id, _node, CancellationToken.None);
        }
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        List<Mailbox> boxes;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            boxes = await db.Mailboxes.Where(b => b.IsActive && b.Protocol != MailProtocol.None).ToListAsync(ct);
        }
        foreach (var (id, run) in _running.ToList())
        {
            var box = boxes.FirstOrDefault(b => b.Id == id);
            if (box is not null && Settings(box) == run.Settings && !run.Loop.IsCompleted && await state.LeaseAsync(id, _node, Lease, ct)) continue;
            await run.Stop.CancelAsync();
            await run.Loop.ContinueWith(_ => { }, CancellationToken.None);
            _running.Remove(id);
            if (box is null) await state.ReleaseAsync(id, _node, ct);
        }
        foreach (var box in boxes.Where(b => !_running.ContainsKey(b.Id)))
        {
            if (!await state.LeaseAsync(box.Id, _node, Lease, ct)) continue;
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _running[box.Id] = (Settings(box), stop, Task.Run(() => LoopAsync(box.Id, stop.Token), CancellationToken.None));
        }
    }

    /// <summary>Fetches until stopped; on failure records why and reconnects after 5 s, doubling up to 5 minutes.</summary>
    private async Task LoopAsync(long id, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var box = await state.LoadAsync(id, ct);
                if (box is null) return;
                if (box.Protocol == MailProtocol.Imap) await imap.RunAsync(box, ct);
                else await pop3.RunAsync(box, ct);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                failures++;
                var problem = MailConnectionTexts.Problem(ex);
                log.LogWarning("Mailbox {Mailbox} fetch failed ({Failures}): {Reason}", id, failures, problem.Text(russian: false));
                try { await state.FailedAsync(id, MailWarning.Store([problem]) ?? problem.Text(russian: false), CancellationToken.None); }
                catch (Exception inner) { log.LogError(inner, "Could not record the failure of mailbox {Mailbox}", id); }
                var wait = TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(failures - 1, 6))));
                try { await Task.Delay(wait, clock, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private static string Settings(Mailbox b) =>
        string.Join('|', b.Protocol, b.InHost, b.InPort, b.InSecurity, b.InUser, b.InPasswordProtected, b.Folder, b.UseIdle, b.PollSeconds, b.AcceptInvalidCertificates);
}
