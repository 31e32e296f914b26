using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Otklik.Cluster;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>
/// Rate limits of the public chat: new visitors per IP (a script minting visitors), and messages
/// per visitor and per IP (a flood into the agents' queue). Checked inside the session endpoint
/// and the hub, where the visitor is known. In cluster mode they count in Redis for all nodes together.
/// </summary>
public sealed class ChatLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _newVisitors, _messages;
    private readonly SharedCounter? _shared;
    private readonly RateLimitOptions _options;

    public ChatLimits(IOptions<OtklikOptions> options, SharedCounter? shared = null)
    {
        _shared = shared;
        var o = _options = options.Value.RateLimits;
        _newVisitors = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.ChatNewVisitorsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        _messages = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.StartsWith("ip:", StringComparison.Ordinal) ? o.ChatMessagesPerIpPerMinute : o.ChatMessagesPerVisitorPerMinute,
                Window = TimeSpan.FromMinutes(1),
            }));
    }

    public async ValueTask<bool> TryNewVisitorAsync(string? ip)
    {
        if (_shared is not null) return await _shared.TryTakeAsync("chat-visitor:ip:" + ip, _options.ChatNewVisitorsPerMinute, Window);
        using var lease = _newVisitors.AttemptAcquire("ip:" + ip);
        return lease.IsAcquired;
    }

    /// <summary>Both the visitor's and the address's allowance must have room.</summary>
    public async ValueTask<bool> TryMessageAsync(long visitorId, string? ip)
    {
        if (_shared is not null)
            return await _shared.TryTakeAsync("chat-message:visitor:" + visitorId, _options.ChatMessagesPerVisitorPerMinute, Window)
                   && await _shared.TryTakeAsync("chat-message:ip:" + ip, _options.ChatMessagesPerIpPerMinute, Window);
        using var perVisitor = _messages.AttemptAcquire("visitor:" + visitorId);
        if (!perVisitor.IsAcquired) return false;
        using var perIp = _messages.AttemptAcquire("ip:" + ip);
        return perIp.IsAcquired;
    }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public void Dispose()
    {
        _newVisitors.Dispose();
        _messages.Dispose();
    }
}
