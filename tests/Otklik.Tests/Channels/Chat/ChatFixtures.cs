using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>The app on real Kestrel (the widget's WebSocket), with chat limits high enough for a class of tests from one address.</summary>
public abstract class ChatApp(DbProvider provider) : AppFixture(provider)
{
    public const string SiteOrigin = "https://shop.example";

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:ChatNewVisitorsPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatSessionsPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatMessagesPerVisitorPerMinute"] = "100000",
        ["Otklik:RateLimits:ChatMessagesPerIpPerMinute"] = "100000",
    };

    public Uri BaseAddress => App.ClientOptions.BaseAddress;

    public async Task<(string Key, long InboxId, long Id)> CreateWidgetAsync(params string[] origins)
    {
        var w = await Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets",
            new { name = Unique("Chat "), allowedOrigins = origins.Length > 0 ? origins : [SiteOrigin] }).Json(HttpStatusCode.Created);
        return (w.Str("publicKey"), w.GetProperty("inboxId").GetInt64(), w.Id());
    }

    public HttpRequestMessage SessionRequest(string key, string? token = null, string? origin = SiteOrigin, string? page = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/session")
        {
            Content = JsonContent.Create(new { token, page = page ?? "https://shop.example/cart", referrer = "https://search.example/?q=shop", language = "ru-RU" }),
        };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    public async Task<JsonElement> SessionAsync(string key, string? token = null)
    {
        using var client = App.CreateClient();
        return await client.SendAsync(SessionRequest(key, token)).Json(HttpStatusCode.OK);
    }

    /// <summary>The widget's file download: the visitor token in the header, as widget.js sends it.</summary>
    public async Task<HttpResponseMessage> DownloadAsync(string key, long fileId, string? token, string? origin = SiteOrigin)
    {
        using var client = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/widget/api/{key}/files/{fileId}");
        if (token is not null) request.Headers.Add("X-Otklik-Visitor", token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    /// <summary>A visitor's hub connection over a real WebSocket, as the widget makes it.</summary>
    public async Task<HubConnection> ConnectAsync(string key, string token, string origin = SiteOrigin, bool start = true)
    {
        var url = new Uri(BaseAddress, $"/hubs/visitor?key={Uri.EscapeDataString(key)}&visitor={Uri.EscapeDataString(token)}");
        var connection = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Origin"] = origin;
        }).Build();
        if (start) await connection.StartAsync();
        return connection;
    }

    public static async Task<T> WaitAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if (queue.Any(match)) return queue.First(match);
            await Task.Delay(50);
        }
        throw new TimeoutException("Nothing matching arrived over the visitor hub.");
    }
}

public sealed class SqliteChatApp() : ChatApp(DbProvider.Sqlite);

public sealed class PostgresChatApp() : ChatApp(DbProvider.Postgres);

/// <summary>Tight chat limits, to see them bite.</summary>
public abstract class LimitedChatApp(DbProvider provider) : ChatApp(provider)
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:ChatNewVisitorsPerMinute"] = "3",
        ["Otklik:RateLimits:ChatMessagesPerVisitorPerMinute"] = "4",
        ["Otklik:RateLimits:ChatMessagesPerIpPerMinute"] = "1000",
    };
}

public sealed class SqliteLimitedChatApp() : LimitedChatApp(DbProvider.Sqlite);

public sealed class PostgresLimitedChatApp() : LimitedChatApp(DbProvider.Postgres);
