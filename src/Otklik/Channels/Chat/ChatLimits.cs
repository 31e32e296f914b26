using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>
/// Rate limits of the public chat: new visitors per IP (a script minting visitors), and messages
/// per visitor and per IP (a flood into the agents' queue). Checked inside the session endpoint
/// and the hub, where the visitor is known.
/// </summary>
public sealed class ChatLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _newVisitors, _messages;

    public ChatLimits(IOptions<OtklikOptions> options)
    {
        var o = options.Value.RateLimits;
        _newVisitors = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.ChatNewVisitorsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        _messages = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            k => new FixedWindowRateLimiterOptions
            {
                PermitLimit = k.StartsWith("ip:", StringComparison.Ordinal) ? o.ChatMessagesPerIpPerMinute : o.ChatMessagesPerVisitorPerMinute,
                Window = TimeSpan.FromMinutes(1),
            }));
    }

    public bool TryNewVisitor(string? ip)
    {
        using var lease = _newVisitors.AttemptAcquire("ip:" + ip);
        return lease.IsAcquired;
    }

    /// <summary>Both the visitor's and the address's allowance must have room.</summary>
    public bool TryMessage(long visitorId, string? ip)
    {
        using var perVisitor = _messages.AttemptAcquire("visitor:" + visitorId);
        if (!perVisitor.IsAcquired) return false;
        using var perIp = _messages.AttemptAcquire("ip:" + ip);
        return perIp.IsAcquired;
    }

    public void Dispose()
    {
        _newVisitors.Dispose();
        _messages.Dispose();
    }
}
