using System.Net;
using System.Text;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Infrastructure;

/// <summary>The request body limit and the sign-in rate limit, on an app with small limits.</summary>
public abstract class LimitsTests(AppFixture f)
{
    public const int SignInPerMinute = 5;
    public const int MaxBody = 8192;

    internal static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:SignInPerMinute"] = SignInPerMinute.ToString(),
        ["Otklik:MaxRequestBodyBytes"] = MaxBody.ToString(),
    };

    [Fact]
    public async Task BodyOverTheLimit_Returns413ProblemDetails()
    {
        var big = new { subject = "Big", customer = new { email = "big@test.local" }, message = new { body = new string('x', MaxBody * 2) } };
        // With Content-Length: refused before the body is read, saying what the limit is.
        var problem = await f.Admin.PostRawAsync("/api/v1/tickets", System.Text.Json.JsonSerializer.Serialize(big)).Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(MaxBody.ToString(), problem.Str("detail"));

        // Without Content-Length (chunked) the limit holds as well.
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(big)))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await f.Admin.SendAsync(chunked).Problem(HttpStatusCode.RequestEntityTooLarge);

        await f.Admin.PostAsJsonAsync("/api/v1/tickets", new { subject = "Small", customer = new { email = "small@test.local" }, message = new { body = "ok" } })
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SignIn_AfterTooManyAttempts_Returns429()
    {
        using var anonymous = f.App.Anonymous();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < SignInPerMinute + 1 && limited is null; i++)
        {
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail, password = "guess-" + i, name = "x" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.True(limited is not null, "No 429 after " + statuses.Count + " attempts: " + string.Join(", ", statuses));
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(limited.Headers.RetryAfter is not null, "429 without Retry-After");
        await Task.FromResult(limited).Problem(HttpStatusCode.TooManyRequests);

        // Even the right password waits now; the rest of the API is not affected.
        var right = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail, password = OtklikApp.AdminPassword, name = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        await f.Admin.GetAsync("/api/v1/tickets").ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class LimitedSqliteApp() : AppFixture(DbProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> Overrides => LimitsTests.Settings;
}

public sealed class LimitedPostgresApp() : AppFixture(DbProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> Overrides => LimitsTests.Settings;
}

public sealed class LimitsTests_Sqlite(LimitedSqliteApp f) : LimitsTests(f), IClassFixture<LimitedSqliteApp>;

public sealed class LimitsTests_Postgres(LimitedPostgresApp f) : LimitsTests(f), IClassFixture<LimitedPostgresApp>;
