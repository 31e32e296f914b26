using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Views;

public abstract class TicketViewsTests(AppFixture f)
{
    private static JsonElement View(JsonElement views, string key) => views.EnumerateArray().Single(v => v.Str("key") == key);

    [Fact]
    public async Task List_HasBuiltInViewsWithLiveCounts()
    {
        var (agent, agentId) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        var before = View(await agent.GetAsync("/api/v1/views").Json(HttpStatusCode.OK), "mine").GetProperty("count").GetInt32();
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { assigneeId = agentId }).ShouldBe(HttpStatusCode.OK);
        var views = await agent.GetAsync("/api/v1/views").Json(HttpStatusCode.OK);
        Assert.Equal(["mine", "unassigned", "open", "pending", "solved"], views.EnumerateArray().Take(5).Select(v => v.Str("key")));
        Assert.Equal(before + 1, View(views, "mine").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Save_PersonalView_CountsAndCanBeDeleted()
    {
        var tag = AppFixture.Unique("tag");
        await f.CreateTicketAsync(tags: [tag]);
        var saved = await f.Admin.PostAsJsonAsync("/api/v1/views", new { name = "Tagged", tag }).Json(HttpStatusCode.Created);
        Assert.Equal(1, saved.GetProperty("count").GetInt32());
        Assert.True(saved.GetProperty("custom").GetBoolean());
        var key = saved.Str("key");
        Assert.Contains((await f.Admin.GetAsync("/api/v1/views").Json(HttpStatusCode.OK)).EnumerateArray(), v => v.Str("key") == key);

        var (other, _) = await f.CreateAgentAsync();
        Assert.DoesNotContain((await other.GetAsync("/api/v1/views").Json(HttpStatusCode.OK)).EnumerateArray(), v => v.Str("key") == key);
        await other.DeleteAsync($"/api/v1/views/{key}").Problem(HttpStatusCode.NotFound);
        await f.Admin.DeleteAsync($"/api/v1/views/{key}").ShouldBe(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await f.Admin.GetAsync("/api/v1/views").Json(HttpStatusCode.OK)).EnumerateArray(), v => v.Str("key") == key);
    }

    [Fact]
    public async Task Save_SharedViewByAdmin_IsSeenByAgents()
    {
        var name = AppFixture.Unique("shared");
        var saved = await f.Admin.PostAsJsonAsync("/api/v1/views", new { name, status = "open", shared = true }).Json(HttpStatusCode.Created);
        var (agent, _) = await f.CreateAgentAsync();
        Assert.Contains((await agent.GetAsync("/api/v1/views").Json(HttpStatusCode.OK)).EnumerateArray(), v => v.Str("key") == saved.Str("key"));
    }

    [Fact]
    public async Task Save_Invalid_Returns400()
    {
        var (agent, _) = await f.CreateAgentAsync();
        await agent.PostAsJsonAsync("/api/v1/views", new { name = "All", shared = true }).ValidationProblem("shared");
        await agent.PostAsJsonAsync("/api/v1/views", new { name = "" }).ValidationProblem("name");
        await agent.PostAsJsonAsync("/api/v1/views", new { name = "Bad", status = "bogus" }).ValidationProblem("status");
        await agent.PostAsJsonAsync("/api/v1/views", new { name = "Bad", assignee = "someone" }).ValidationProblem("assignee");
    }

    [Fact]
    public async Task Views_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/views")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/views", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/views/1")).StatusCode);
    }
}

public sealed class TicketViewsTests_Sqlite(SqliteApp f) : TicketViewsTests(f), IClassFixture<SqliteApp>;

public sealed class TicketViewsTests_Postgres(PostgresApp f) : TicketViewsTests(f), IClassFixture<PostgresApp>;
