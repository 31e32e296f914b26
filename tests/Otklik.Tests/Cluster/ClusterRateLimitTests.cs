using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Cluster;

/// <summary>Tight public limits on two nodes: the allowance is shared, not doubled by a round-robin balancer.</summary>
public sealed class LimitedTwoNodes : TwoNodes
{
    public const int SignIns = 6, NewVisitors = 4;

    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:SignInPerMinute"] = SignIns.ToString(),
        ["Otklik:RateLimits:ChatNewVisitorsPerMinute"] = NewVisitors.ToString(),
        ["Otklik:RateLimits:ChatSessionsPerMinute"] = "1000",
    };
}

public sealed class ClusterRateLimitTests(LimitedTwoNodes f) : IClassFixture<LimitedTwoNodes>
{
    /// <summary>The counters are per clock minute: start early enough in one that the test never straddles two.</summary>
    private static async Task WithinOneMinuteAsync()
    {
        var now = DateTime.UtcNow;
        if (now.Second >= 50) await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
    }

    [Fact]
    public async Task PasswordGuesses_AreCountedAcrossBothNodes()
    {
        await WithinOneMinuteAsync();
        var allowed = 0;
        for (var i = 0; i < 2 * LimitedTwoNodes.SignIns; i++)
        {
            using var client = (i % 2 == 0 ? f.A : f.B).Anonymous();
            var response = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail, password = "wrong-" + i, name = "guess" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) continue;
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            allowed++;
        }
        // One sign-in of the fixture's admin (on A) already counted in this minute, unless the minute turned since.
        Assert.InRange(allowed, LimitedTwoNodes.SignIns - 1, LimitedTwoNodes.SignIns);
    }

    [Fact]
    public async Task NewChatVisitors_AreCountedAcrossBothNodes()
    {
        var (key, _) = await f.CreateWidgetAsync();
        await WithinOneMinuteAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * LimitedTwoNodes.NewVisitors; i++)
            statuses.Add((await TwoNodes.SessionAsync(i % 2 == 0 ? f.A : f.B, key)).Status);
        Assert.Equal(LimitedTwoNodes.NewVisitors, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Skip(LimitedTwoNodes.NewVisitors), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
