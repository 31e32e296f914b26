using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Realtime;

/// <summary>API clients watch tickets over SignalR with their token, and see who else is on a ticket.</summary>
public abstract class WorkspaceHubTests(AppFixture f)
{
    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(f.App.Server.BaseAddress, "/hubs/workspace"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => f.App.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<T> WaitAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            // T is a struct (JsonElement): FirstOrDefault's default would look like a match, so test Any first.
            if (queue.Any(match)) return queue.First(match);
            await Task.Delay(50);
        }
        throw new TimeoutException("Nothing matching arrived over the hub.");
    }

    [Fact]
    public async Task NewMessage_ReachesAClientWatchingTheTicket()
    {
        var token = await f.App.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
        await using var hub = await ConnectAsync(token);
        var events = new ConcurrentQueue<JsonElement>();
        // The protocol reuses its buffers after the handler returns: keep a copy.
        hub.On<JsonElement>("ticket", e => events.Enqueue(e.Clone()));
        var id = (await f.CreateTicketAsync()).Id();
        Assert.True(await hub.InvokeAsync<bool>("WatchTicket", id));

        var reply = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Live" }).Json(HttpStatusCode.Created);
        var messageId = reply.GetProperty("message").Id();
        var e = await WaitAsync(events, x => x.GetProperty("kind").GetString() == "message.added"
                                             && x.GetProperty("messageId").ValueKind == JsonValueKind.Number
                                             && x.GetProperty("messageId").GetInt64() == messageId);
        Assert.Equal(id, e.GetProperty("ticketId").GetInt64());
        Assert.Equal("open", e.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoWatchers_SeeEachOtherReplying()
    {
        var id = (await f.CreateTicketAsync()).Id();
        var (_, agentId) = await f.CreateAgentAsync("supervisor");
        var agents = await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK);
        var email = agents.EnumerateArray().First(a => a.Id() == agentId).Str("email");
        await using var admin = await ConnectAsync(await f.App.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword));
        await using var colleague = await ConnectAsync(await f.App.IssueTokenAsync(email, "Agent-password-1"));
        var seen = new ConcurrentQueue<JsonElement>();
        admin.On<long, JsonElement>("presence", (_, viewers) => seen.Enqueue(viewers.Clone()));

        Assert.True(await admin.InvokeAsync<bool>("WatchTicket", id));
        Assert.True(await colleague.InvokeAsync<bool>("WatchTicket", id));
        await colleague.InvokeAsync("Replying", id, true);

        await WaitAsync(seen, v => v.EnumerateArray().Any(x => x.GetProperty("agentId").GetInt64() == agentId && x.GetProperty("isReplying").GetBoolean()));
    }

    [Fact]
    public async Task WatchTicket_OfAnotherTeam_IsRefused()
    {
        var team = await f.CreateTeamAsync();
        var id = (await f.CreateTicketAsync(teamId: team)).Id();
        var (_, agentId) = await f.CreateAgentAsync();
        var agents = await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK);
        var email = agents.EnumerateArray().First(a => a.Id() == agentId).Str("email");
        await using var hub = await ConnectAsync(await f.App.IssueTokenAsync(email, "Agent-password-1"));
        Assert.False(await hub.InvokeAsync<bool>("WatchTicket", id));
    }

    [Fact]
    public async Task Hub_WithoutToken_IsRefused()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(f.App.Server.BaseAddress, "/hubs/workspace"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => f.App.Server.CreateHandler();
            }).Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}

public sealed class WorkspaceHubTests_Sqlite(SqliteApp f) : WorkspaceHubTests(f), IClassFixture<SqliteApp>;

public sealed class WorkspaceHubTests_Postgres(PostgresApp f) : WorkspaceHubTests(f), IClassFixture<PostgresApp>;
