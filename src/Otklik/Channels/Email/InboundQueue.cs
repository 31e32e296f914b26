using System.Threading.Channels;
using Otklik.Data;

namespace Otklik.Channels.Email;

/// <summary>
/// Group commit for mail handed over by the MTA pipe. Concurrent deliveries are applied in one transaction of
/// up to <see cref="MostPerTransaction"/> messages: one save, one commit and one connection for all of them instead
/// of one each, which is most of the cost of a message once it is parsed. The rules are the same code as for a
/// single message (<see cref="EmailIngestion"/>); messages that could see each other's work are never grouped
/// (<see cref="PendingMail.Touches"/>). If a group fails for any reason, each of its messages is processed again
/// on its own, so one bad message still never holds back the rest.
/// </summary>
public sealed class InboundQueue(IServiceScopeFactory scopes, ILogger<InboundQueue> log) : BackgroundService
{
    public const int MostPerTransaction = 16;
    /// <summary>Two: while one group waits for the database, the next one is being applied.</summary>
    private const int Workers = 2;

    private readonly Channel<PendingMail> queue = Channel.CreateUnbounded<PendingMail>();
    private long grouped, groups;

    /// <summary>Messages committed as part of a group of two or more, and such groups, since the start (for operators and tests).</summary>
    public (long Messages, long Groups) Grouped => (Interlocked.Read(ref grouped), Interlocked.Read(ref groups));

    /// <summary>Queues the message; the task ends when it is stored, ignored or quarantined.</summary>
    /// <exception cref="InvalidOperationException">The node is shutting down; the MTA should try again.</exception>
    public Task<IngestResult> SubmitAsync(PendingMail mail)
    {
        if (!queue.Writer.TryWrite(mail)) throw new InvalidOperationException("The inbound mail queue is closed: the node is stopping.");
        return mail.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));
        }
        finally
        {
            queue.Writer.TryComplete();
            // The raw bytes are kept but nothing is in the ledger: a failed answer makes the MTA deliver again.
            while (queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        var heldBack = new Queue<PendingMail>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (heldBack.Count == 0 && !await queue.Reader.WaitToReadAsync(stop)) return;
                var group = Gather(heldBack);
                if (group.Count == 1 || !await TogetherAsync(group, stop))
                    foreach (var mail in group) await AloneAsync(mail, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var mail in heldBack) mail.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>
    /// Messages held back last time come first, so a conversation's messages keep their order; a message touching what
    /// any earlier one touches (taken or held back) is held back too.
    /// </summary>
    private List<PendingMail> Gather(Queue<PendingMail> heldBack)
    {
        var earlier = heldBack.ToList();
        heldBack.Clear();
        var group = new List<PendingMail>();
        var touched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var next = 0;
        while (group.Count < MostPerTransaction)
        {
            var mail = next < earlier.Count ? earlier[next++] : queue.Reader.TryRead(out var read) ? read : null;
            if (mail is null) break;
            var touches = mail.Touches().ToList();
            // An unparsed message is quarantined alone.
            var clash = mail.Parsed is null ? group.Count > 0 : touches.Any(touched.Contains);
            touched.UnionWith(touches);
            if (clash) heldBack.Enqueue(mail);
            else group.Add(mail);
            if (mail.Parsed is null && !clash) break;
        }
        foreach (var mail in earlier.Skip(next)) heldBack.Enqueue(mail);
        return group;
    }

    private async Task<bool> TogetherAsync(List<PendingMail> group, CancellationToken stop)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var ingestion = scope.ServiceProvider.GetRequiredService<EmailIngestion>();
        try
        {
            await using var held = await db.HoldConnectionAsync(stop);
            foreach (var mail in group) await ingestion.ApplyAsync(mail.Mailbox, mail.Parsed!, mail.Record, stop);
            await db.SaveChangesAsync(stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // A duplicate, a version conflict or one message the rules refuse: each goes again alone, where the
            // usual handling (duplicate answer, retry, quarantine) applies to that one message only.
            log.LogDebug(ex, "A group of {Count} inbound messages failed together; processing them one by one", group.Count);
            foreach (var mail in group) EmailIngestion.Reset(mail.Record, isNew: true);
            return false;
        }
        Interlocked.Add(ref grouped, group.Count);
        Interlocked.Increment(ref groups);
        foreach (var mail in group) mail.Done.TrySetResult(EmailIngestion.Outcome(mail.Record));
        return true;
    }

    private async Task AloneAsync(PendingMail mail, CancellationToken stop)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            await using var held = await db.HoldConnectionAsync(stop);
            var result = await scope.ServiceProvider.GetRequiredService<EmailIngestion>().ProcessAsync(mail.Mailbox, mail.Raw, mail.Record, stop, mail.Parsed);
            mail.Done.TrySetResult(result);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            mail.Done.TrySetCanceled(CancellationToken.None);
        }
        catch (Exception ex)
        {
            mail.Done.TrySetException(ex);
        }
    }
}
