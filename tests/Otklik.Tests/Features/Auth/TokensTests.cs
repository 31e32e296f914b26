using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Auth;

public abstract class TokensTests(AppFixture f)
{
    [Fact]
    public async Task Issue_WithRightPassword_Returns201WithWorkingToken()
    {
        using var anonymous = f.App.Anonymous();
        var issued = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens",
            new { email = OtklikApp.AdminEmail.ToUpperInvariant(), password = OtklikApp.AdminPassword, name = "ci" }).Json(HttpStatusCode.Created);
        Assert.StartsWith("otk_", issued.Str("token"));
        using var client = f.App.WithToken(issued.Str("token"));
        var tokens = await client.GetAsync("/api/v1/auth/tokens").Json(HttpStatusCode.OK);
        Assert.Contains(tokens.EnumerateArray(), t => t.Id() == issued.Id() && t.Str("name") == "ci");
        Assert.DoesNotContain(tokens.EnumerateArray(), t => t.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Issue_WithWrongPassword_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail, password = "wrong-password", name = "x" })
            .Problem(HttpStatusCode.Unauthorized);
        await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email = "nobody@test.local", password = "wrong-password", name = "x" })
            .Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Issue_WithMissingFields_Returns400()
    {
        using var anonymous = f.App.Anonymous();
        var problem = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail }).ValidationProblem("password");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task RevokedToken_Returns401Immediately()
    {
        var token = await f.App.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
        using var client = f.App.WithToken(token);
        var mine = await client.GetAsync("/api/v1/auth/tokens").Json(HttpStatusCode.OK);
        var id = mine.EnumerateArray().First().Id();
        await client.DeleteAsync($"/api/v1/auth/tokens/{id}").ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets")).StatusCode);
        await f.Admin.DeleteAsync($"/api/v1/auth/tokens/{id}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revoke_AnotherAgentsToken_Returns404()
    {
        var (agent, _) = await f.CreateAgentAsync();
        var agentTokenId = (await agent.GetAsync("/api/v1/auth/tokens").Json(HttpStatusCode.OK))[0].Id();
        await f.Admin.DeleteAsync($"/api/v1/auth/tokens/{agentTokenId}").Problem(HttpStatusCode.NotFound);
        await agent.GetAsync("/api/v1/tickets").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeactivatedAgentsToken_Returns401Immediately()
    {
        var (agent, agentId) = await f.CreateAgentAsync();
        await agent.GetAsync("/api/v1/tickets").ShouldBe(HttpStatusCode.OK);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{agentId}", new { isActive = false }).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/v1/tickets")).StatusCode);
        var email = (await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK)).EnumerateArray().Single(a => a.Id() == agentId).Str("email");
        using var anonymous = f.App.Anonymous();
        await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = AppFixture.AgentPassword, name = "x" }).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReactivatedAgent_OldTokensStayRevoked()
    {
        var (agent, agentId) = await f.CreateAgentAsync();
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{agentId}", new { isActive = false }).ShouldBe(HttpStatusCode.OK);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{agentId}", new { isActive = true }).ShouldBe(HttpStatusCode.OK);
        // Like the agent's cookies (new security stamp), tokens issued before the deactivation stay dead.
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/v1/tickets")).StatusCode);
        var email = (await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK)).EnumerateArray().Single(a => a.Id() == agentId).Str("email");
        using var fresh = await f.App.SignInAsync(email, AppFixture.AgentPassword);
        await fresh.GetAsync("/api/v1/tickets").ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("otk_notarealtoken")]
    [InlineData("garbage")]
    public async Task UnknownOrMalformedToken_Returns401(string token)
    {
        using var client = f.App.WithToken(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets")).StatusCode);
    }

    [Fact]
    public async Task TokenRoutes_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/auth/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/auth/tokens/1")).StatusCode);
    }
}

public sealed class TokensTests_Sqlite(SqliteApp f) : TokensTests(f), IClassFixture<SqliteApp>;

public sealed class TokensTests_Postgres(PostgresApp f) : TokensTests(f), IClassFixture<PostgresApp>;
