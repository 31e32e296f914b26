using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.WebForms;

/// <summary>The public form routes share the per-IP "public" limit: a flood gets 429 ProblemDetails with Retry-After.</summary>
public abstract class WebFormRateLimitTests(AppFixture f)
{
    public const int PerMinute = 4;

    [Fact]
    public async Task PublicFormRoutes_AfterTheLimit_Return429()
    {
        var (_, key) = await FormsKit.CreateFormAsync(f);
        var visitor = f.App.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerMinute; i++) statuses.Add((await visitor.GetAsync(i % 2 == 0 ? $"/form/{key}" : $"/api/v1/forms/{key}")).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var limited = visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new { name = "A", email = "a@customer.test", message = "m" });
        var problem = await limited.Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Rate limit", problem.Str("title"));
        await visitor.GetAsync($"/form/{key}/callback").ShouldBe(HttpStatusCode.TooManyRequests);
        // Agents are not behind the public limit.
        await f.Admin.GetAsync("/api/v1/callbacks").ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class FormLimitSqliteApp() : AppFixture(DbProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:PublicPerMinute"] = WebFormRateLimitTests.PerMinute.ToString(),
    };
}

public sealed class FormLimitPostgresApp() : AppFixture(DbProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> Overrides => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:PublicPerMinute"] = WebFormRateLimitTests.PerMinute.ToString(),
    };
}

public sealed class WebFormRateLimitTests_Sqlite(FormLimitSqliteApp f) : WebFormRateLimitTests(f), IClassFixture<FormLimitSqliteApp>;

public sealed class WebFormRateLimitTests_Postgres(FormLimitPostgresApp f) : WebFormRateLimitTests(f), IClassFixture<FormLimitPostgresApp>;
