using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Admin;

public abstract class AgentAdminTests(AppFixture f)
{
    [Fact]
    public async Task Invite_WithoutPassword_ReturnsGeneratedPasswordThatSignsIn()
    {
        var email = AppFixture.Unique("new") + "@test.local";
        var invited = await f.Admin.PostAsJsonAsync("/api/v1/agents", new { email, name = "Nina", role = "supervisor", language = "en" }).Json(HttpStatusCode.Created);
        Assert.Equal("supervisor", invited.GetProperty("agent").Str("role"));
        using var client = await f.App.SignInAsync(email, invited.Str("generatedPassword"));
        await client.GetAsync("/api/v1/tickets").ShouldBe(HttpStatusCode.OK);
        var agents = await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK);
        Assert.Contains(agents.EnumerateArray(), a => a.Str("email") == email);
    }

    [Fact]
    public async Task Patch_ChangesRoleAndTeams()
    {
        var teamId = await f.CreateTeamAsync();
        var (agent, agentId) = await f.CreateAgentAsync();
        await agent.PostAsJsonAsync("/api/v1/teams", new { name = AppFixture.Unique() }).Problem(HttpStatusCode.Forbidden);
        var updated = await f.Admin.PatchJsonAsync($"/api/v1/agents/{agentId}", new { role = "admin", teamIds = new[] { teamId }, name = "Renamed" }).Json(HttpStatusCode.OK);
        Assert.Equal("admin", updated.Str("role"));
        Assert.Equal([teamId], updated.GetProperty("teamIds").EnumerateArray().Select(t => t.GetInt64()));
        // The role is read on every request: the same token now has admin rights.
        await agent.PostAsJsonAsync("/api/v1/teams", new { name = AppFixture.Unique() }).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"email": "bad", "name": "X"}""", "email")]
    [InlineData("""{"email": "ok@test.local", "name": ""}""", "name")]
    [InlineData("""{"email": "ok@test.local", "name": "X", "role": "bogus"}""", "role")]
    [InlineData("""{"email": "ok@test.local", "name": "X", "password": "short"}""", "password")]
    [InlineData("""{"email": "ok@test.local", "name": "X", "teamIds": [987654321]}""", "teamIds")]
    public async Task Invite_Invalid_Returns400(string json, string field) =>
        await f.Admin.PostRawAsync("/api/v1/agents", json).ValidationProblem(field);

    [Fact]
    public async Task Invite_ExistingEmail_Returns400() =>
        await f.Admin.PostAsJsonAsync("/api/v1/agents", new { email = OtklikApp.AdminEmail, name = "Dup" }).ValidationProblem("email");

    [Fact]
    public async Task Patch_Invalid_Returns400Or404()
    {
        var (_, id) = await f.CreateAgentAsync();
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{id}", new { rol = "admin" }).ValidationProblem("rol");
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{id}", new { role = "bogus" }).ValidationProblem("role");
        await f.Admin.PatchRawAsync($"/api/v1/agents/{id}", """{"isActive": "no"}""").ValidationProblem("isActive");
        await f.Admin.PatchJsonAsync("/api/v1/agents/987654321", new { name = "x" }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_CannotDemoteOrDeactivateThemselves()
    {
        var me = (await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK)).EnumerateArray().Single(a => a.Str("email") == OtklikApp.AdminEmail).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{me}", new { role = "agent" }).ValidationProblem("role");
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{me}", new { isActive = false }).ValidationProblem("isActive");
        await f.Admin.GetAsync("/api/v1/agents").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AgentRole_OnAdminWrites_Returns403()
    {
        var (agent, id) = await f.CreateAgentAsync("supervisor");
        await agent.PostAsJsonAsync("/api/v1/agents", new { email = "x@test.local", name = "X" }).Problem(HttpStatusCode.Forbidden);
        await agent.PatchJsonAsync($"/api/v1/agents/{id}", new { role = "admin" }).Problem(HttpStatusCode.Forbidden);
        await agent.GetAsync("/api/v1/agents").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AgentRoutes_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/agents", new { email = "x@y.z" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PatchJsonAsync("/api/v1/agents/1", new { name = "x" })).StatusCode);
    }
}

public sealed class AgentAdminTests_Sqlite(SqliteApp f) : AgentAdminTests(f), IClassFixture<SqliteApp>;

public sealed class AgentAdminTests_Postgres(PostgresApp f) : AgentAdminTests(f), IClassFixture<PostgresApp>;
