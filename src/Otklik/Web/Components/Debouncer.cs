namespace Otklik.Web.Components;

/// <summary>
/// Collapses bursts of live events into at most one refresh per interval: a busy queue can
/// publish dozens of changes a second and each refresh is a query.
/// </summary>
public sealed class Debouncer(TimeSpan interval, Func<Task> action) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _pending;

    public void Trigger()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(interval, _stop.Token);
            Interlocked.Exchange(ref _pending, 0);
            await action();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
