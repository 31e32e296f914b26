using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Infrastructure;

/// <summary>What every request goes through: health, OpenAPI, unknown routes, and the database in use.</summary>
public abstract class PipelineTests(AppFixture f)
{
    [Fact]
    public void App_RunsOnTheFixturesDatabaseProvider()
    {
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        Assert.Equal(f.Provider == DbProvider.Postgres, db.IsPostgres);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthyWithoutToken(string url)
    {
        using var anonymous = f.App.Anonymous();
        var response = await anonymous.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AreExposedForPrometheus()
    {
        await f.CreateTicketAsync();
        using var anonymous = f.App.Anonymous();
        var text = await (await anonymous.GetAsync("/metrics").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains("otklik_tickets_created", text);
    }

    [Fact]
    public async Task OpenApi_IsValidJson_ListingEveryRoute()
    {
        using var anonymous = f.App.Anonymous();
        var doc = await anonymous.GetAsync("/openapi/v1.json").Json(HttpStatusCode.OK);
        Assert.StartsWith("3.", doc.Str("openapi"));
        var paths = doc.GetProperty("paths");
        (string Path, string Method)[] expected =
        [
            ("/api/v1/auth/tokens", "post"), ("/api/v1/auth/tokens", "get"), ("/api/v1/auth/tokens/{id}", "delete"),
            ("/api/v1/tickets", "post"), ("/api/v1/tickets", "get"), ("/api/v1/tickets/{id}", "get"), ("/api/v1/tickets/{id}", "patch"),
            ("/api/v1/tickets/{id}/messages", "post"), ("/api/v1/tickets/{id}/merge", "post"),
            ("/api/v1/tickets/{id}/links", "post"), ("/api/v1/tickets/{id}/links/{linkedId}", "delete"),
            ("/api/v1/views", "get"), ("/api/v1/views", "post"), ("/api/v1/views/{id}", "delete"),
            ("/api/v1/customers", "get"), ("/api/v1/customers", "post"), ("/api/v1/customers/{id}", "get"),
            ("/api/v1/customers/{id}", "patch"), ("/api/v1/customers/{id}/tickets", "get"), ("/api/v1/customers/{id}/merge", "post"),
            ("/api/v1/search", "get"),
            ("/api/v1/agents", "get"), ("/api/v1/agents", "post"), ("/api/v1/agents/{id}", "patch"),
            ("/api/v1/teams", "get"), ("/api/v1/teams", "post"), ("/api/v1/teams/{id}", "put"), ("/api/v1/teams/{id}", "delete"),
            ("/api/v1/tags", "get"), ("/api/v1/tags", "post"), ("/api/v1/tags/{id}", "put"), ("/api/v1/tags/{id}", "delete"),
            ("/api/v1/custom-fields", "get"), ("/api/v1/custom-fields", "post"), ("/api/v1/custom-fields/{id}", "put"),
            ("/api/v1/inboxes", "get"), ("/api/v1/inboxes", "post"), ("/api/v1/inboxes/{id}", "put"),
        ];
        var missing = expected.Where(e => !paths.TryGetProperty(e.Path, out var item) || !item.TryGetProperty(e.Method, out _)).ToList();
        Assert.True(missing.Count == 0, "Missing from OpenAPI: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/tickets/1/nope")]
    [InlineData("/api/v2/tickets")]
    [InlineData("/api/nothing")]
    public async Task UnknownApiRoute_Returns404ProblemDetails(string url)
    {
        using var anonymous = f.App.Anonymous();
        await anonymous.GetAsync(url).Problem(HttpStatusCode.NotFound);
        await f.Admin.PostAsJsonAsync(url, new { }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Errors_CarryTraceId()
    {
        var problem = await f.Admin.GetAsync("/api/v1/tickets/987654321").Problem(HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("traceId").ValueKind);
    }
}

public sealed class PipelineTests_Sqlite(SqliteApp f) : PipelineTests(f), IClassFixture<SqliteApp>;

public sealed class PipelineTests_Postgres(PostgresApp f) : PipelineTests(f), IClassFixture<PostgresApp>;
