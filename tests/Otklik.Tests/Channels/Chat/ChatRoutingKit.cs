using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>A class of routing tests gets a database of its own: online agents of other chat tests must not take its chats.</summary>
public sealed class SqliteRoutingApp() : ChatApp(DbProvider.Sqlite);

public sealed class PostgresRoutingApp() : ChatApp(DbProvider.Postgres);

public static class ChatRoutingKit
{
    public static async Task<(string Key, long Id)> CreateRoutedWidgetAsync(this ChatApp f, long? teamId, string? routing = "auto")
    {
        var w = await f.Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets",
            new { name = AppFixture.Unique("Chat "), allowedOrigins = new[] { ChatApp.SiteOrigin }, defaultTeamId = teamId, routing })
            .Json(HttpStatusCode.Created);
        return (w.Str("publicKey"), w.Id());
    }

    /// <summary>An agent with the given chat limit in the given teams, not yet online.</summary>
    public static async Task<long> RoutableAgentAsync(this ChatApp f, int limit, params long[] teams)
    {
        var (_, id) = await f.CreateAgentAsync("agent", teams);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{id}", new { chatLimit = limit }).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    /// <summary>The agent opens the workspace (a hub connection counts as online); disposing it takes them offline.</summary>
    public static async Task<HubConnection> OnlineAsync(this ChatApp f, long agentId)
    {
        var email = await f.DbAsync(db => db.Agents.Where(a => a.Id == agentId).Select(a => a.Email).SingleAsync());
        var token = await f.App.IssueTokenAsync(email, AppFixture.AgentPassword);
        var hub = new HubConnectionBuilder().WithUrl(new Uri(f.BaseAddress, "/hubs/workspace"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build();
        await hub.StartAsync();
        return hub;
    }

    public static Task<long?> AssigneeAsync(this ChatApp f, long ticketId) =>
        f.DbAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.AssigneeId).SingleAsync());

    /// <summary>Routing runs in the background: waits for the chat to reach someone and returns who.</summary>
    public static async Task<long> RoutedAsync(this ChatApp f, long ticketId, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await f.AssigneeAsync(ticketId) is { } agent) return agent;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Routing gave chat {ticketId} to nobody within {seconds} s.");
    }

    /// <summary>Long enough for the passes a change triggered to have run, so "still waiting" means routing left it there.</summary>
    public static Task SettleAsync() => Task.Delay(1500);
}
