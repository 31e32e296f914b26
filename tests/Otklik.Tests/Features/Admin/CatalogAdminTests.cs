using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Admin;

/// <summary>Teams, tags, custom fields and inboxes: admins write, every agent reads.</summary>
public abstract class CatalogAdminTests(AppFixture f)
{
    [Fact]
    public async Task Teams_CreateUpdateDelete()
    {
        var (_, agentId) = await f.CreateAgentAsync();
        var name = AppFixture.Unique("team");
        var team = await f.Admin.PostAsJsonAsync("/api/v1/teams", new { name, agentIds = new[] { agentId } }).Json(HttpStatusCode.Created);
        Assert.Equal([agentId], team.GetProperty("agentIds").EnumerateArray().Select(a => a.GetInt64()));
        await f.Admin.PostAsJsonAsync("/api/v1/teams", new { name }).ValidationProblem("name");
        var updated = await f.Admin.PutAsJsonAsync($"/api/v1/teams/{team.Id()}", new { name = name + "x", description = "d", agentIds = Array.Empty<long>() }).Json(HttpStatusCode.OK);
        Assert.Empty(updated.GetProperty("agentIds").EnumerateArray());
        Assert.Contains((await f.Admin.GetAsync("/api/v1/teams").Json(HttpStatusCode.OK)).EnumerateArray(), t => t.Str("name") == name + "x");
        await f.Admin.DeleteAsync($"/api/v1/teams/{team.Id()}").ShouldBe(HttpStatusCode.NoContent);
        await f.Admin.DeleteAsync($"/api/v1/teams/{team.Id()}").Problem(HttpStatusCode.NotFound);
        await f.Admin.PutAsJsonAsync($"/api/v1/teams/{team.Id()}", new { name = "again" }).Problem(HttpStatusCode.NotFound);
        await f.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "" }).ValidationProblem("name");
    }

    [Fact]
    public async Task Teams_DeleteWithTicketsAndMembers_LeavesTicketsTeamless()
    {
        var teamId = await f.CreateTeamAsync();
        var (_, agentId) = await f.CreateAgentAsync("agent", teamId);
        var ticket = (await f.CreateTicketAsync(teamId: teamId)).Id();
        await f.Admin.DeleteAsync($"/api/v1/teams/{teamId}").ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await f.GetTicketAsync(ticket)).GetProperty("team").ValueKind);
        var agent = (await f.Admin.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK)).EnumerateArray().Single(a => a.Id() == agentId);
        Assert.Empty(agent.GetProperty("teamIds").EnumerateArray());
    }

    [Fact]
    public async Task Tags_RenameAndDelete_ApplyToTickets()
    {
        var name = AppFixture.Unique("tag");
        var tag = await f.Admin.PostAsJsonAsync("/api/v1/tags", new { name = name.ToUpperInvariant(), color = "#1f7a4d" }).Json(HttpStatusCode.Created);
        Assert.Equal(name, tag.Str("name"));
        var ticket = (await f.CreateTicketAsync(tags: [name])).Id();
        var tags = await f.Admin.GetAsync("/api/v1/tags").Json(HttpStatusCode.OK);
        Assert.Equal(1, tags.EnumerateArray().Single(t => t.Id() == tag.Id()).GetProperty("ticketCount").GetInt32());

        await f.Admin.PutAsJsonAsync($"/api/v1/tags/{tag.Id()}", new { name = name + "-renamed" }).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([name + "-renamed"], (await f.GetTicketAsync(ticket)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await f.Admin.DeleteAsync($"/api/v1/tags/{tag.Id()}").ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty((await f.GetTicketAsync(ticket)).GetProperty("tags").EnumerateArray());
        await f.Admin.DeleteAsync($"/api/v1/tags/{tag.Id()}").Problem(HttpStatusCode.NotFound);
        await f.Admin.PostAsJsonAsync("/api/v1/tags", new { name = "x", color = "red" }).ValidationProblem("color");
    }

    [Fact]
    public async Task CustomFields_CreateUpdate_AndValidateTicketValues()
    {
        var key = "order_" + Guid.NewGuid().ToString("N")[..8];
        var field = await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key, label = "Order", type = "dropdown", options = new[] { "a", "b" } }).Json(HttpStatusCode.Created);
        Assert.Equal("dropdown", field.Str("type"));
        var updated = await f.Admin.PutAsJsonAsync($"/api/v1/custom-fields/{field.Id()}", new { label = "Order kind", options = new[] { "a", "b", "c" } }).Json(HttpStatusCode.OK);
        Assert.Equal(3, updated.GetProperty("options").GetArrayLength());
        Assert.Contains((await f.Admin.GetAsync("/api/v1/custom-fields").Json(HttpStatusCode.OK)).EnumerateArray(), x => x.Str("key") == key);

        var id = (await f.CreateTicketAsync()).Id();
        var ticket = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { customFields = new Dictionary<string, object> { [key] = "c" } }).Json(HttpStatusCode.OK);
        Assert.Equal("c", ticket.GetProperty("customFields").Str(key));
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { customFields = new Dictionary<string, object> { [key] = "zzz" } }).Problem(HttpStatusCode.BadRequest);

        await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key, label = "Dup", type = "text" }).ValidationProblem("key");
        await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key = "Bad Key", label = "X", type = "text" }).ValidationProblem("key");
        await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key = "k" + key, label = "X", type = "bogus" }).ValidationProblem("type");
        await f.Admin.PutAsJsonAsync("/api/v1/custom-fields/987654321", new { label = "X" }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inboxes_CreateUpdate_AndRouteToDefaultTeam()
    {
        var teamId = await f.CreateTeamAsync();
        var inbox = await f.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "Support mail", channel = "email", address = "support@test.local", defaultTeamId = teamId }).Json(HttpStatusCode.Created);
        Assert.Equal("email", inbox.Str("channel"));
        var body = new { subject = "Via inbox", customer = new { email = AppFixture.Unique() + "@c.test" }, message = new { body = "b" }, inboxId = inbox.Id() };
        var ticket = await f.Admin.PostAsJsonAsync("/api/v1/tickets", body).Json(HttpStatusCode.Created);
        Assert.Equal(teamId, ticket.GetProperty("team").Id());
        Assert.Equal("email", ticket.Str("channel"));

        var updated = await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inbox.Id()}", new { name = "Chat", channel = "chat", isActive = false }).Json(HttpStatusCode.OK);
        Assert.False(updated.GetProperty("isActive").GetBoolean());
        Assert.Contains((await f.Admin.GetAsync("/api/v1/inboxes").Json(HttpStatusCode.OK)).EnumerateArray(), i => i.Id() == inbox.Id() && i.Str("channel") == "chat");
        await f.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "X", channel = "pigeon" }).ValidationProblem("channel");
        await f.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "X", channel = "chat", defaultTeamId = 987654321 }).ValidationProblem("defaultTeamId");
        await f.Admin.PutAsJsonAsync("/api/v1/inboxes/987654321", new { name = "X", channel = "chat" }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AgentRole_CanRead_ButWritesReturn403()
    {
        var (agent, _) = await f.CreateAgentAsync();
        foreach (var url in new[] { "/api/v1/teams", "/api/v1/tags", "/api/v1/custom-fields", "/api/v1/inboxes" })
        {
            await agent.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            await agent.PostAsJsonAsync(url, new { name = "x", key = "x", label = "x", type = "text", channel = "chat" }).Problem(HttpStatusCode.Forbidden);
            await agent.PutAsJsonAsync(url + "/1", new { name = "x", label = "x", channel = "chat" }).Problem(HttpStatusCode.Forbidden);
        }
        await agent.DeleteAsync("/api/v1/teams/1").Problem(HttpStatusCode.Forbidden);
        await agent.DeleteAsync("/api/v1/tags/1").Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CatalogRoutes_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        foreach (var url in new[] { "/api/v1/teams", "/api/v1/tags", "/api/v1/custom-fields", "/api/v1/inboxes" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }
}

public sealed class CatalogAdminTests_Sqlite(SqliteApp f) : CatalogAdminTests(f), IClassFixture<SqliteApp>;

public sealed class CatalogAdminTests_Postgres(PostgresApp f) : CatalogAdminTests(f), IClassFixture<PostgresApp>;
