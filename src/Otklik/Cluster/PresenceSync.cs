using Microsoft.Extensions.Options;
using Otklik.Channels.Chat;
using Otklik.Infrastructure;
using Otklik.Realtime;

namespace Otklik.Cluster;

/// <summary>One node's presence as it tells the others: "state" (all of it), "hello" (just started, tell me yours) or "bye".</summary>
public sealed record PresenceReport(string Kind, IReadOnlyList<SharedViewer> Viewers, IReadOnlyList<long> Agents, SharedVisitors Visitors);

/// <summary>
/// Keeps presence (agents viewing/replying a ticket, agents online, visitors connected/typing) the same on
/// every node. Each node reports its own entries on every change and as a heartbeat; the others keep the
/// latest report per node in memory, so the workspace and the widget read presence without a round trip.
/// A node that stops reporting (it died) is forgotten after <see cref="RedisOptions.PresenceSeconds"/>.
/// </summary>
public sealed class PresenceSync(INodeBus bus, TicketPresence tickets, AgentPresence agents, VisitorPresence visitors,
    IOptions<OtklikOptions> options, ILogger<PresenceSync> log) : BackgroundService
{
    public const string Topic = "presence";

    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(2, options.Value.Redis.PresenceSeconds));
    private readonly Dictionary<string, long> _heardAt = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _dirty = new(0, 1);

    public override async Task StartAsync(CancellationToken ct)
    {
        tickets.LocalEdit += MarkDirty;
        agents.LocalEdit += MarkDirty;
        visitors.LocalEdit += MarkDirty;
        await bus.SubscribeAsync<PresenceReport>(Topic, OnReportAsync);
        await PublishAsync("hello");
        await base.StartAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        tickets.LocalEdit -= MarkDirty;
        agents.LocalEdit -= MarkDirty;
        visitors.LocalEdit -= MarkDirty;
        await base.StopAsync(ct);
        await bus.PublishAsync(Topic, new PresenceReport("bye", [], [], SharedVisitors.None));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = _ttl / 3;
        var lastSent = Environment.TickCount64;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changed = await _dirty.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                // A burst of changes (a page with several tabs, typing reports) goes out as one report.
                if (changed) await Task.Delay(50, stoppingToken);
                if (changed || Environment.TickCount64 - lastSent >= heartbeat.TotalMilliseconds)
                {
                    await PublishAsync("state");
                    lastSent = Environment.TickCount64;
                }
                ForgetSilentNodes();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogWarning(ex, "Presence sync pass failed"); }
        }
    }

    private void MarkDirty()
    {
        if (_dirty.CurrentCount == 0) try { _dirty.Release(); } catch (SemaphoreFullException) { /* already marked */ }
    }

    private Task PublishAsync(string kind) =>
        bus.PublishAsync(Topic, new PresenceReport(kind, tickets.Local(), agents.Local(), visitors.Local()));

    private Task OnReportAsync(string node, PresenceReport report)
    {
        lock (_gate)
        {
            if (report.Kind == "bye")
            {
                Forget(node);
                return Task.CompletedTask;
            }
            _heardAt[node] = Environment.TickCount64;
            tickets.ReplaceRemote(node, report.Viewers ?? []);
            agents.ReplaceRemote(node, report.Agents ?? []);
            visitors.ReplaceRemote(node, report.Visitors ?? SharedVisitors.None);
        }
        // A node that just started knows nothing yet: everyone answers with their state.
        if (report.Kind == "hello") MarkDirty();
        return Task.CompletedTask;
    }

    private void ForgetSilentNodes()
    {
        lock (_gate)
        {
            foreach (var (node, heard) in _heardAt.ToList())
            {
                if (Environment.TickCount64 - heard < _ttl.TotalMilliseconds) continue;
                log.LogWarning("Node {Node} sent no presence for {Seconds} s: its viewers and agents are dropped", node, _ttl.TotalSeconds);
                Forget(node);
            }
        }
    }

    /// <summary>The node is gone: nobody else will tell hub clients and visitors, so this node announces it.</summary>
    private void Forget(string node)
    {
        _heardAt.Remove(node);
        tickets.ReplaceRemote(node, [], announce: true);
        agents.ReplaceRemote(node, []);
        visitors.ReplaceRemote(node, SharedVisitors.None);
    }
}
