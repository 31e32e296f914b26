using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Otklik.Data;
using Otklik.Features.Tickets;
using Otklik.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Otklik.Realtime;

/// <summary>
/// Live updates for API clients and integrations: every agent joins "agents"; a client
/// watching a ticket joins its group and reports viewing/replying for collision detection.
/// </summary>
[Authorize(Policy = Policies.Agent)]
public sealed class WorkspaceHub(OtklikDb db, TicketPresence presence, AgentPresence agents) : Hub
{
    public const string AgentsGroup = "agents";

    public static string TicketGroup(long ticketId) => $"ticket:{ticketId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup);
        if (Caller.From(Context.User!) is { } caller) agents.Connect("hub:" + Context.ConnectionId, caller.AgentId);
        await base.OnConnectedAsync();
    }

    public async Task<bool> WatchTicket(long ticketId)
    {
        var caller = Caller.From(Context.User!)!;
        if (!await db.Tickets.VisibleTo(db, caller).AnyAsync(t => t.Id == ticketId)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, TicketGroup(ticketId));
        presence.Enter(ticketId, Context.ConnectionId, caller.AgentId, caller.Name);
        Context.Items[ticketId] = true;
        return true;
    }

    public async Task UnwatchTicket(long ticketId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, TicketGroup(ticketId));
        presence.Leave(ticketId, Context.ConnectionId);
        Context.Items.Remove(ticketId);
    }

    public void Replying(long ticketId, bool replying)
    {
        if (Context.Items.ContainsKey(ticketId)) presence.SetReplying(ticketId, Context.ConnectionId, replying);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var ticketId in Context.Items.Keys.OfType<long>()) presence.Leave(ticketId, Context.ConnectionId);
        agents.Disconnect("hub:" + Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// Sends presence changes to hub clients watching the ticket. Only changes made on this node: with the
/// backplane the group spans every node, so the node where the change happened tells all of them once.
/// </summary>
public sealed class PresenceBroadcaster(TicketPresence presence, IHubContext<WorkspaceHub> hub) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        presence.ChangedHere += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        presence.ChangedHere -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(long ticketId) =>
        _ = hub.Clients.Group(WorkspaceHub.TicketGroup(ticketId)).SendAsync("presence", ticketId, presence.Of(ticketId));
}
