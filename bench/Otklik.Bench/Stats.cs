using System.Collections.Concurrent;
using System.Diagnostics;

namespace Otklik.Bench;

/// <summary>What one measured scenario did: how many, how fast, and its latency percentiles.</summary>
public sealed record Summary(string Name, int Count, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Seconds > 0 ? (Count - Errors) / Seconds : 0;
}

/// <summary>Latencies and wall time of one scenario, possibly measured in several interleaved rounds.</summary>
public sealed class Recorder(string name)
{
    private readonly ConcurrentBag<double> _latencies = [];
    private int _errors;
    private double _seconds;

    public void Add(double ms) => _latencies.Add(ms);
    public void Error() => Interlocked.Increment(ref _errors);
    public void AddSeconds(double s) => _seconds += s;
    public int Errors => _errors;

    public Summary ToSummary()
    {
        var sorted = _latencies.Order().ToArray();
        return new Summary(name, sorted.Length, _errors, _seconds, Pct(sorted, 0.50), Pct(sorted, 0.95), Pct(sorted, 0.99));
    }

    private static double Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

public static class Load
{
    public static async Task<Summary> RunAsync(string name, int total, int concurrency, Func<int, int, Task> op)
    {
        var recorder = new Recorder(name);
        await RunAsync(recorder, 0, total, concurrency, op);
        return recorder.ToSummary();
    }

    /// <summary>Runs op(worker, first..first+count-1) on `concurrency` workers, timing each call into the recorder.</summary>
    public static async Task RunAsync(Recorder recorder, int first, int count, int concurrency, Func<int, int, Task> op)
    {
        var next = first - 1;
        var end = first + count;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < end)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await op(worker, i);
                }
                catch (Exception e)
                {
                    recorder.Error();
                    firstError ??= e.Message;
                }
                recorder.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        recorder.AddSeconds(clock.Elapsed.TotalSeconds);
        if (firstError is not null) Console.WriteLine($"  ! {recorder.Errors} errors so far, first: {firstError}");
    }
}
