using System.Collections.Concurrent;
using System.Diagnostics;

namespace Otklik.Bench;

/// <summary>What one measured scenario did: how many, how fast, and its latency percentiles.</summary>
public sealed record Summary(string Name, int Count, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Seconds > 0 ? (Count - Errors) / Seconds : 0;
}

public static class Load
{
    /// <summary>Runs op(0..total-1) on `concurrency` workers and times each call.</summary>
    public static async Task<Summary> RunAsync(string name, int total, int concurrency, Func<int, int, Task> op)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var next = -1;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await op(worker, i);
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref errors) == 1) firstError = e.Message;
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        if (firstError is not null) Console.WriteLine($"  ! {name}: {errors} errors, first: {firstError}");
        var sorted = latencies.Order().ToArray();
        return new Summary(name, total, errors, seconds, Pct(sorted, 0.50), Pct(sorted, 0.95), Pct(sorted, 0.99));
    }

    private static double Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
