using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Otklik.Infrastructure.Auth;

namespace Otklik.Realtime;

/// <summary>
/// Which agents have the workspace open (a connected Blazor circuit or a hub connection). The chat
/// widget tells visitors whether someone is there to answer now. In cluster mode the agents online on
/// the other nodes are kept beside this node's, replaced by each node's latest report.
/// </summary>
public sealed class AgentPresence
{
    private readonly ConcurrentDictionary<string, long> _connections = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<long>> _otherNodes = new();

    /// <summary>Nobody was online and now someone is, or the other way round.</summary>
    public event Action? Changed;

    /// <summary>An agent opened the workspace on this node (their first connection here): routing offers them waiting chats.</summary>
    public event Action<long>? Arrived;

    /// <summary>This node's own connections changed: the cluster sync reports them to the other nodes.</summary>
    internal event Action? LocalEdit;

    public void Connect(string connection, long agentId)
    {
        var wasOnline = IsAnyoneOnline;
        var wasHere = _connections.Values.Contains(agentId);
        _connections[connection] = agentId;
        LocalEdit?.Invoke();
        if (!wasOnline) Changed?.Invoke();
        if (!wasHere) Arrived?.Invoke(agentId);
    }

    public void Disconnect(string connection)
    {
        if (!_connections.TryRemove(connection, out _)) return;
        LocalEdit?.Invoke();
        if (!IsAnyoneOnline) Changed?.Invoke();
    }

    public bool IsAnyoneOnline => !_connections.IsEmpty || !_otherNodes.IsEmpty;

    public IReadOnlyCollection<long> OnlineAgents => _connections.Values.Concat(_otherNodes.Values.SelectMany(a => a)).Distinct().ToList();

    public bool IsOnline(long agentId) => _connections.Values.Contains(agentId) || _otherNodes.Values.Any(a => a.Contains(agentId));

    /// <summary>This node's agents, for the other nodes.</summary>
    public IReadOnlyList<long> Local() => _connections.Values.Distinct().ToList();

    /// <summary>Takes another node's latest report; empty when it stopped or died.</summary>
    public void ReplaceRemote(string node, IReadOnlyList<long> agents)
    {
        var wasOnline = IsAnyoneOnline;
        if (agents.Count == 0) _otherNodes.TryRemove(node, out _); else _otherNodes[node] = agents;
        if (wasOnline != IsAnyoneOnline) Changed?.Invoke();
    }
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
