using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Otklik.Infrastructure;
using StackExchange.Redis;

namespace Otklik.Cluster;

/// <summary>
/// Fixed-window counters in Redis, so a public limit (sign-in attempts, new chat visitors, chat
/// messages) holds for the whole cluster rather than once per node behind a round-robin balancer.
/// If Redis cannot be reached the node counts on its own for the while (per node is a weaker
/// guard, but no guard at all — or refusing every visitor — would be worse).
/// </summary>
public sealed class SharedCounter(IConnectionMultiplexer redis, IOptions<OtklikOptions> options, ILogger<SharedCounter> log) : IDisposable
{
    // INCR and the expiry together, so a crash between them never leaves a counter without an end.
    private const string Script = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    private readonly string _prefix = options.Value.Redis.Prefix + ":rate:";
    private readonly PartitionedRateLimiter<(string Key, int Limit, TimeSpan Window)> _fallback =
        PartitionedRateLimiter.Create<(string Key, int Limit, TimeSpan Window), string>(p => RateLimitPartition.GetFixedWindowLimiter(p.Key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = p.Limit, Window = p.Window }));

    public async ValueTask<bool> TryTakeAsync(string key, int limit, TimeSpan window)
    {
        try { return await CountAsync(key, window) <= limit; }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { return Fallback(key, limit, window, ex); }
    }

    /// <summary>For callers that cannot wait (a rate limiter's synchronous attempt); a round trip to Redis on loopback or LAN.</summary>
    public bool TryTake(string key, int limit, TimeSpan window)
    {
        try { return (long)redis.GetDatabase().ScriptEvaluate(Script, [Key(key, window)], [(long)window.TotalMilliseconds]) <= limit; }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { return Fallback(key, limit, window, ex); }
    }

    private async Task<long> CountAsync(string key, TimeSpan window) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, [Key(key, window)], [(long)window.TotalMilliseconds]);

    /// <summary>Windows aligned to the clock, so every node counts into the same key.</summary>
    private RedisKey Key(string key, TimeSpan window) =>
        _prefix + key + ":" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;

    private bool Fallback(string key, int limit, TimeSpan window, Exception ex)
    {
        log.LogWarning("Shared rate limit {Key} counted on this node only, Redis failed: {Error}", key, ex.Message);
        using var lease = _fallback.AttemptAcquire((key, limit, window));
        return lease.IsAcquired;
    }

    public void Dispose() => _fallback.Dispose();
}

/// <summary>
/// An ASP.NET Core rate limiter for one partition (e.g. one IP on sign-in) that counts in Redis. Each
/// request takes one permit from the shared window; nothing queues.
/// </summary>
public sealed class SharedWindowLimiter(SharedCounter counter, string key, int limit, TimeSpan window) : RateLimiter
{
    private long _lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount == 0) return Lease.Granted;
        Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
        return counter.TryTake(key, limit, window) ? Lease.Granted : Lease.Refused(window);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct)
    {
        if (permitCount == 0) return Lease.Granted;
        Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
        return await counter.TryTakeAsync(key, limit, window) ? Lease.Granted : Lease.Refused(window);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static Lease Refused(TimeSpan window) => new(false, window);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
