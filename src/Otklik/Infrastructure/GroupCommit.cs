using System.Threading.Channels;
using Otklik.Data;

namespace Otklik.Infrastructure;

/// <summary>
/// Group commit: writes from concurrent callers (piped mail, chat messages) applied by the same code as one write,
/// but saved and committed together — one scope, one connection, one save for up to <c>mostPerTransaction</c> items,
/// which is most of a small write's cost. Items that could see each other's work (they share a "touch": a person,
/// a conversation, a visitor) never share a transaction and keep their arrival order. If a group fails for any
/// reason, each of its items runs again alone with its full error handling, so one bad item costs only itself.
/// The caller's task ends after the commit, never before.
/// </summary>
public abstract class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, ILogger log, int workers, int mostPerTransaction)
    : BackgroundService where TItem : class
{
    private sealed record Waiting(TItem Item, IReadOnlyCollection<string>? Touches)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Waiting> queue = Channel.CreateUnbounded<Waiting>();
    private long grouped, groups;

    /// <summary>Items committed as part of a group of two or more, and such groups, since the start (for operators and tests).</summary>
    public (long Items, long Groups) Grouped => (Interlocked.Read(ref grouped), Interlocked.Read(ref groups));

    /// <summary>Queues the item; the task ends when its transaction committed (or it failed alone).</summary>
    /// <exception cref="InvalidOperationException">The node is stopping; the caller should try again later.</exception>
    public Task<TResult> SubmitAsync(TItem item)
    {
        var waiting = new Waiting(item, Touches(item));
        if (!queue.Writer.TryWrite(waiting)) throw new InvalidOperationException("The write queue is closed: the node is stopping.");
        return waiting.Done.Task;
    }

    /// <summary>What the item may read or create; items sharing any of these never share a transaction. Null: always alone.</summary>
    protected abstract IReadOnlyCollection<string>? Touches(TItem item);

    /// <summary>Adds the item's changes to the scope's context without saving; returns how to read its result after the commit.</summary>
    protected abstract Task<Func<TResult>> StageAsync(IServiceProvider services, TItem item, CancellationToken ct);

    /// <summary>The item in a transaction of its own, with its full error handling.</summary>
    protected abstract Task<TResult> AloneAsync(IServiceProvider services, TItem item, CancellationToken ct);

    /// <summary>Undo what a failed group left on the item (e.g. an id handed out by the failed save).</summary>
    protected virtual void Reset(TItem item) { }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
        }
        finally
        {
            queue.Writer.TryComplete();
            lock (gate)
                while (heldBack.TryDequeue(out var held)) held.Done.TrySetCanceled(CancellationToken.None);
            while (queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    // Shared by the workers: what is held back, and what the groups being written right now touch.
    private readonly Lock gate = new();
    private readonly Queue<Waiting> heldBack = new();
    private readonly HashSet<string> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim groupDone = new(0);

    private async Task WorkAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                List<Waiting> group;
                bool waitingForOthers;
                lock (gate)
                {
                    group = Gather();
                    waitingForOthers = group.Count == 0 && heldBack.Count > 0;
                }
                if (group.Count == 0)
                {
                    // Everything waiting touches what another worker is writing: wait for it (the timeout only guards a lost signal).
                    if (waitingForOthers) await groupDone.WaitAsync(TimeSpan.FromMilliseconds(50), stop);
                    else if (!await queue.Reader.WaitToReadAsync(stop)) return;
                    continue;
                }
                try
                {
                    if (group.Count == 1 || !await TogetherAsync(group, stop))
                        foreach (var waiting in group) await OneAsync(waiting, stop);
                }
                finally
                {
                    lock (gate)
                        foreach (var waiting in group)
                            if (waiting.Touches is not null) inFlight.ExceptWith(waiting.Touches);
                    groupDone.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Items held back earlier come first, so related items keep their order; an item touching what a group being
    /// written touches, or what any earlier item touches (taken or held back), is held back too. Runs under the gate.
    /// </summary>
    private List<Waiting> Gather()
    {
        var earlier = heldBack.ToList();
        heldBack.Clear();
        var group = new List<Waiting>();
        var touched = new HashSet<string>(inFlight, StringComparer.OrdinalIgnoreCase);
        var next = 0;
        while (group.Count < mostPerTransaction)
        {
            var waiting = next < earlier.Count ? earlier[next++] : queue.Reader.TryRead(out var read) ? read : null;
            if (waiting is null) break;
            var alone = waiting.Touches is null;
            var clash = alone ? group.Count > 0 : waiting.Touches!.Any(touched.Contains);
            if (!alone) touched.UnionWith(waiting.Touches!);
            if (clash) heldBack.Enqueue(waiting);
            else group.Add(waiting);
            if (alone && !clash) break;
        }
        foreach (var waiting in earlier.Skip(next)) heldBack.Enqueue(waiting);
        foreach (var waiting in group)
            if (waiting.Touches is not null) inFlight.UnionWith(waiting.Touches);
        return group;
    }

    private async Task<bool> TogetherAsync(List<Waiting> group, CancellationToken stop)
    {
        var results = new List<Func<TResult>>(group.Count);
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            try
            {
                await using var held = await db.HoldConnectionAsync(stop);
                foreach (var waiting in group) results.Add(await StageAsync(scope.ServiceProvider, waiting.Item, stop));
                await db.SaveChangesAsync(stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log.LogDebug(ex, "A group of {Count} writes failed together; doing them one by one", group.Count);
                foreach (var waiting in group) Reset(waiting.Item);
                return false;
            }
        }
        Interlocked.Add(ref grouped, group.Count);
        Interlocked.Increment(ref groups);
        for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i]());
        return true;
    }

    private async Task OneAsync(Waiting waiting, CancellationToken stop)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            await using var held = await db.HoldConnectionAsync(stop);
            waiting.Done.TrySetResult(await AloneAsync(scope.ServiceProvider, waiting.Item, stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            waiting.Done.TrySetCanceled(CancellationToken.None);
        }
        catch (Exception ex)
        {
            waiting.Done.TrySetException(ex);
        }
    }
}
