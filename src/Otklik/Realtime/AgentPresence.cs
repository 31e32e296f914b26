using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Otklik.Infrastructure.Auth;

namespace Otklik.Realtime;

/// <summary>
/// Which agents have the workspace open on this node (a connected Blazor circuit or a hub
/// connection). The chat widget tells visitors whether someone is there to answer now.
/// </summary>
public sealed class AgentPresence
{
    private readonly ConcurrentDictionary<string, long> _connections = new();

    public event Action? Changed;

    public void Connect(string connection, long agentId)
    {
        var wasOnline = IsAnyoneOnline;
        _connections[connection] = agentId;
        if (!wasOnline) Changed?.Invoke();
    }

    public void Disconnect(string connection)
    {
        if (_connections.TryRemove(connection, out _) && !IsAnyoneOnline) Changed?.Invoke();
    }

    public bool IsAnyoneOnline => !_connections.IsEmpty;

    public IReadOnlyCollection<long> OnlineAgents => _connections.Values.Distinct().ToList();
}

/// <summary>Counts an agent online while their workspace circuit has a live connection.</summary>
public sealed class AgentCircuits(AgentPresence presence, AuthenticationStateProvider auth) : CircuitHandler
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        var state = await auth.GetAuthenticationStateAsync();
        if (Caller.From(state.User) is { } caller) presence.Connect("circuit:" + circuit.Id, caller.AgentId);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct)
    {
        presence.Disconnect("circuit:" + circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        presence.Disconnect("circuit:" + circuit.Id);
        return Task.CompletedTask;
    }
}
