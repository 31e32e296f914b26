using Otklik.Domain;
using Otklik.Events;
using Otklik.Realtime;

namespace Otklik.Features.Chat;

/// <summary>
/// Runs <see cref="ChatRouting"/> in the background when something may let a waiting chat move: a chat arrived or went
/// back to a team's queue, a seat freed up (ended, solved, handed away), or an agent opened the workspace. Bursts fold into
/// one pass. Each trigger fires only on the node where it happened (the node that committed the change, the node the agent
/// connected to), so the cluster reacts once, not once per node; a slow sweep covers a trigger lost to a crash.
/// </summary>
public sealed class ChatRouter(IServiceScopeFactory scopes, AgentPresence agents, ILogger<ChatRouter> log) : BackgroundService
{
    public static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _due = new(0, 1);

    /// <summary>Asks for a pass soon; a pass already running is followed by one more, never by one per call.</summary>
    public void Kick()
    {
        if (_due.CurrentCount == 0) try { _due.Release(); } catch (SemaphoreFullException) { /* already due */ }
    }

    public override Task StartAsync(CancellationToken ct)
    {
        agents.Arrived += OnArrived;
        return base.StartAsync(ct);
    }

    public override Task StopAsync(CancellationToken ct)
    {
        agents.Arrived -= OnArrived;
        return base.StopAsync(ct);
    }

    private void OnArrived(long agentId) => Kick();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _due.WaitAsync(Sweep, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var routed = await scope.ServiceProvider.GetRequiredService<ChatRouting>().RouteAsync(stoppingToken);
                if (routed > 0) log.LogInformation("Routing gave out {Count} chats", routed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // The chats stay in the queue, where agents see and accept them; the next trigger or sweep tries again.
                log.LogWarning(ex, "Chat routing pass failed");
            }
        }
    }
}

/// <summary>After a commit, asks for a routing pass when a chat ticket was created or changed in a way that can move a chat.</summary>
public sealed class RoutingTrigger(ChatRouter router) : IDomainEventListener
{
    private static readonly HashSet<string> Moves = ["assignee", "status", "team", "chat"];

    public Task HandleAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        if (events.Any(e => e switch
            {
                TicketCreated c => c.Ticket.Channel == ChannelKind.Chat,
                TicketChanged c => c.Ticket.Channel == ChannelKind.Chat && Moves.Contains(c.Field),
                TicketMerged m => m.Source.Channel == ChannelKind.Chat,
                _ => false,
            }))
            router.Kick();
        return Task.CompletedTask;
    }
}
