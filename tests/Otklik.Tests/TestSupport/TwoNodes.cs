using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Otklik.Tests.TestSupport;

/// <summary>
/// Two Otklik nodes on real Kestrel ports, one fresh PostgreSQL database and one Redis (from
/// OTKLIK_TEST_REDIS, under a prefix of their own so parallel test clusters never hear each other).
/// Node A starts first (it migrates the database and makes the admin), then node B.
/// </summary>
public class TwoNodes : IAsyncLifetime
{
    public const string SiteOrigin = "https://shop.example";

    private TestDatabase? _database;

    public string Redis { get; } = TestRedis.FromEnvironment();
    public string Prefix { get; } = TestRedis.NewPrefix();
    public OtklikApp A { get; private set; } = null!;
    public OtklikApp B { get; private set; } = null!;
    public HttpClient AdminA { get; private set; } = null!;
    public HttpClient AdminB { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";

    protected virtual IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:ChatNewVisitorsPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatSessionsPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatMessagesPerVisitorPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatMessagesPerIpPerMinute"] = "100000",
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DbProvider.Postgres);
        A = Start();
        AdminToken = await A.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
        AdminA = A.WithToken(AdminToken);
        B = Start();
        AdminB = B.WithToken(AdminToken);
    }

    private OtklikApp Start()
    {
        var settings = new Dictionary<string, string>(Overrides)
        {
            ["Otklik:Redis:ConnectionString"] = Redis,
            ["Otklik:Redis:Prefix"] = Prefix,
            // Short, so the test of a dead node's presence does not wait 15 s.
            ["Otklik:Redis:PresenceSeconds"] = "3",
        };
        var app = new OtklikApp(_database!, settings);
        var port = FreePort();
        app.UseKestrel(port);
        app.StartServer();
        app.ClientOptions.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        return app;
    }

    public async Task DisposeAsync()
    {
        AdminA?.Dispose();
        AdminB?.Dispose();
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<(string Key, long InboxId)> CreateWidgetAsync()
    {
        var w = await AdminA.PostAsJsonAsync("/api/v1/admin/chat-widgets",
            new { name = AppFixture.Unique("Chat "), allowedOrigins = new[] { SiteOrigin } }).Json(HttpStatusCode.Created);
        return (w.Str("publicKey"), w.GetProperty("inboxId").GetInt64());
    }

    /// <summary>The widget's session call on the given node: the visitor token, whether agents are online, the promise.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SessionAsync(OtklikApp node, string key, string? token = null)
    {
        using var client = node.CreateClient(new() { BaseAddress = node.ClientOptions.BaseAddress });
        var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/session")
        {
            Content = JsonContent.Create(new { token, page = "https://shop.example/cart", language = "ru-RU" }),
        };
        request.Headers.Add("Origin", SiteOrigin);
        var response = await client.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Json() : default);
    }

    /// <summary>A chat visitor's hub connection to the given node, over a real WebSocket as the widget makes it.</summary>
    public static async Task<HubConnection> VisitorAsync(OtklikApp node, string key, string token)
    {
        var url = new Uri(node.ClientOptions.BaseAddress, $"/hubs/visitor?key={Uri.EscapeDataString(key)}&visitor={Uri.EscapeDataString(token)}");
        var connection = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Origin"] = SiteOrigin;
        }).Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>An agent's workspace hub connection to the given node.</summary>
    public static async Task<HubConnection> WorkspaceAsync(OtklikApp node, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(node.ClientOptions.BaseAddress, "/hubs/workspace"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Invites an agent through node A; returns their id and a token.</summary>
    public async Task<(long Id, string Token)> CreateAgentAsync(string role = "supervisor")
    {
        var email = AppFixture.Unique("agent") + "@test.local";
        var invited = await AdminA.PostAsJsonAsync("/api/v1/agents",
            new { email, name = "Agent " + email, role, password = AppFixture.AgentPassword, teamIds = Array.Empty<long>() }).Json(HttpStatusCode.Created);
        return (invited.GetProperty("agent").Id(), await A.IssueTokenAsync(email, AppFixture.AgentPassword));
    }

    public static async Task<T> WaitAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (queue.Any(match)) return queue.First(match);
            await Task.Delay(50);
        }
        throw new TimeoutException($"Within 10 s, nothing arrived: {what}.");
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Within {seconds} s, never: {what}.");
            await Task.Delay(100);
        }
    }
}
