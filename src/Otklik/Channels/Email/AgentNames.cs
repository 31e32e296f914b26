using Microsoft.EntityFrameworkCore;
using Otklik.Data;

namespace Otklik.Channels.Email;

/// <summary>
/// Active agents' names for the imitation check, read at most every half minute: every inbound
/// message needs them, and asking the database each time cost a round trip per message. An agent
/// renamed or added within that half minute is checked against from the next refresh on.
/// </summary>
public sealed class AgentNames(TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<string>> GetAsync(OtklikDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } s && now - s.ReadAt < MaxAge) return s.Names;
        var names = await db.Agents.Where(a => a.IsActive).Select(a => a.Name).ToListAsync(ct);
        _snapshot = new Snapshot(names, now);
        return names;
    }

    private sealed record Snapshot(IReadOnlyList<string> Names, DateTimeOffset ReadAt);
}
