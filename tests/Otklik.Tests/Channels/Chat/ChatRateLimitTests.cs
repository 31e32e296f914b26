using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Otklik.Channels.Chat;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>
/// New visitors per IP and messages per visitor are limited; a known visitor's reload is not a new
/// session. One test: every request comes from 127.0.0.1, whose allowance the whole class shares.
/// </summary>
public abstract class ChatRateLimitTests(LimitedChatApp f)
{
    [Fact]
    public async Task NewVisitorsPerAddress_AndMessagesPerVisitor_AreLimited()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        using var client = f.App.CreateClient();
        var first = await client.SendAsync(f.SessionRequest(key)).Json(HttpStatusCode.OK);
        await client.SendAsync(f.SessionRequest(key)).ShouldBe(HttpStatusCode.OK);
        await client.SendAsync(f.SessionRequest(key)).ShouldBe(HttpStatusCode.OK);
        var refused = await client.SendAsync(f.SessionRequest(key)).Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", refused.Str("code"));
        // A visitor with a good token resumes: reloading pages is not minting visitors.
        for (var i = 0; i < 5; i++)
            Assert.Equal(first.Str("visitorId"), (await client.SendAsync(f.SessionRequest(key, first.Str("token"))).Json(HttpStatusCode.OK)).Str("visitorId"));

        await using var hub = await f.ConnectAsync(key, first.Str("token"));
        for (var i = 0; i < 4; i++) await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), $"message {i}");
        var flood = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "one too many"));
        Assert.Contains("HubException: rate_limited", flood.Message);
        Assert.Equal(4, (await hub.InvokeAsync<List<WidgetMessage>>("History")).Count);
    }
}

public sealed class ChatRateLimitTests_Sqlite(SqliteLimitedChatApp f) : ChatRateLimitTests(f), IClassFixture<SqliteLimitedChatApp>;

public sealed class ChatRateLimitTests_Postgres(PostgresLimitedChatApp f) : ChatRateLimitTests(f), IClassFixture<PostgresLimitedChatApp>;
