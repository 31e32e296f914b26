using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>Visitor tokens and sessions: a genuine token resumes its visitor, anything else starts a fresh one; only allowed origins.</summary>
public abstract class VisitorSessionTests(ChatApp f)
{
    [Fact]
    public async Task Session_IssuesAToken_ThatResumesTheSameVisitor()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var first = await f.SessionAsync(key);
        var again = await f.SessionAsync(key, first.Str("token"));
        Assert.Equal(first.Str("visitorId"), again.Str("visitorId"));
        Assert.Equal(32, first.Str("visitorId").Length);
    }

    [Fact]
    public async Task ForgedExpiredOrOtherInboxToken_StartsAFreshVisitor()
    {
        var (key, inboxId, _) = await f.CreateWidgetAsync();
        var (otherKey, _, _) = await f.CreateWidgetAsync();
        var genuine = await f.SessionAsync(key);
        var visitorId = genuine.Str("visitorId");
        var tokens = f.App.Services.GetRequiredService<VisitorTokens>();

        var forged = genuine.Str("token")[..^4] + "AAAA";
        var expired = tokens.Issue(visitorId, inboxId, DateTime.UtcNow - VisitorTokens.Lifetime - TimeSpan.FromMinutes(1));
        var otherInbox = (await f.SessionAsync(otherKey)).Str("token");
        foreach (var bad in new[] { forged, expired, otherInbox, "not-a-token", visitorId })
        {
            var session = await f.SessionAsync(key, bad);
            Assert.NotEqual(visitorId, session.Str("visitorId"));
            Assert.Empty(session.GetProperty("messages").EnumerateArray());
        }
        // The same claim, fresh, is accepted: the expiry was what refused it above.
        Assert.Equal(visitorId, (await f.SessionAsync(key, tokens.Issue(visitorId, inboxId))).Str("visitorId"));
    }

    [Fact]
    public async Task Session_FromAnOriginNotAllowed_IsRefused_AndAllowedGetsCors()
    {
        var (key, _, _) = await f.CreateWidgetAsync(ChatApp.SiteOrigin);
        using var client = f.App.CreateClient();
        var refused = await client.SendAsync(f.SessionRequest(key, origin: "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        var allowed = await client.SendAsync(f.SessionRequest(key)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ChatApp.SiteOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var preflight = new HttpRequestMessage(HttpMethod.Options, $"/widget/api/{key}/session");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(preflight)).StatusCode);
        var good = new HttpRequestMessage(HttpMethod.Options, $"/widget/api/{key}/session");
        good.Headers.Add("Origin", ChatApp.SiteOrigin);
        good.Headers.Add("Access-Control-Request-Method", "POST");
        var answer = await client.SendAsync(good).ShouldBe(HttpStatusCode.NoContent);
        Assert.Contains("X-Otklik-Visitor", answer.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task Hub_FromAnOriginNotAllowed_OrWithoutAGoodToken_IsRefused()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(key)).Str("token");
        await using var evil = await f.ConnectAsync(key, token, origin: "https://evil.example", start: false);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => evil.StartAsync());
        Assert.Contains("403", refused.ToString());
        await using var forged = await f.ConnectAsync(key, token[..^4] + "AAAA", start: false);
        Assert.Contains("401", (await Assert.ThrowsAnyAsync<Exception>(() => forged.StartAsync())).ToString());
        await using var good = await f.ConnectAsync(key, token);
        Assert.Empty(await good.InvokeAsync<List<WidgetMessage>>("History"));
    }

    [Fact]
    public async Task Promise_FollowsWhetherAnAgentIsOnline()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var nobody = await f.SessionAsync(key);
        Assert.False(nobody.GetProperty("online").GetBoolean());
        Assert.Equal("в течение 24 часов", nobody.Str("promise"));

        var token = await f.App.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
        await using var workspace = new HubConnectionBuilder().WithUrl(new Uri(f.BaseAddress, "/hubs/workspace"), o =>
        {
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build();
        await workspace.StartAsync();
        var someone = await f.SessionAsync(key, nobody.Str("token"));
        Assert.True(someone.GetProperty("online").GetBoolean());
        Assert.Equal("в течение 2 минут", someone.Str("promise"));
        await workspace.StopAsync();
        for (var i = 0; i < 50 && (await f.SessionAsync(key, nobody.Str("token"))).GetProperty("online").GetBoolean(); i++) await Task.Delay(100);
        Assert.False((await f.SessionAsync(key, nobody.Str("token"))).GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task UnknownWidgetKey_Is404()
    {
        using var client = f.App.CreateClient();
        await client.SendAsync(f.SessionRequest("w_000000000000000000000000")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminApi_RefusesAnOriginWithAPath_AndKeepsTheSnippet()
    {
        await f.Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets", new { name = "Bad", allowedOrigins = new[] { "https://shop.example/cart" } })
            .ValidationProblem("allowedOrigins");
        var w = await f.Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets", new { name = "Good", allowedOrigins = new[] { "https://a.example", "http://localhost:8080" } })
            .Json(HttpStatusCode.Created);
        Assert.Contains($"data-inbox=\"{w.Str("publicKey")}\"", w.Str("snippet"));
        Assert.Contains("/widget.js", w.Str("snippet"));
        var (agent, _) = await f.CreateAgentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/admin/chat-widgets")).StatusCode);
    }
}

public sealed class VisitorSessionTests_Sqlite(SqliteChatApp f) : VisitorSessionTests(f), IClassFixture<SqliteChatApp>;

public sealed class VisitorSessionTests_Postgres(PostgresChatApp f) : VisitorSessionTests(f), IClassFixture<PostgresChatApp>;
