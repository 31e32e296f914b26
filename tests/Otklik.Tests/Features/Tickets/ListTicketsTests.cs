using System.Net;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class ListTicketsTests(AppFixture f)
{
    private async Task<List<long>> IdsAsync(string query, HttpClient? client = null)
    {
        var page = await (client ?? f.Admin).GetAsync("/api/v1/tickets?limit=200&" + query).Json(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(t => t.Id()).ToList();
    }

    [Fact]
    public async Task List_FiltersByStatusPriorityTagTeamAndCustomer()
    {
        var teamId = await f.CreateTeamAsync();
        var tag = AppFixture.Unique("tag");
        var a = await f.CreateTicketAsync(teamId: teamId, tags: [tag]);
        var b = await f.CreateTicketAsync(teamId: teamId);
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{b.Id()}", new { status = "pending", priority = "urgent" }).ShouldBe(HttpStatusCode.OK);

        Assert.Equal([a.Id()], await IdsAsync($"tag={tag}"));
        Assert.Equal([b.Id(), a.Id()], await IdsAsync($"team={teamId}"));
        Assert.Equal([b.Id()], await IdsAsync($"team={teamId}&status=pending"));
        Assert.Equal([b.Id(), a.Id()], await IdsAsync($"team={teamId}&status=new,pending"));
        Assert.Equal([b.Id()], await IdsAsync($"team={teamId}&priority=urgent"));
        Assert.Equal([a.Id()], await IdsAsync($"customer={a.GetProperty("customer").Id()}"));
    }

    [Fact]
    public async Task List_FiltersByAssigneeMeNoneAndId()
    {
        var teamId = await f.CreateTeamAsync();
        var (agent, agentId) = await f.CreateAgentAsync("agent", teamId);
        var assigned = (await f.CreateTicketAsync(teamId: teamId)).Id();
        var unassigned = (await f.CreateTicketAsync(teamId: teamId)).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{assigned}", new { assigneeId = agentId }).ShouldBe(HttpStatusCode.OK);

        Assert.Equal([assigned], await IdsAsync("assignee=me", agent));
        Assert.Equal([assigned], await IdsAsync($"team={teamId}&assignee={agentId}"));
        Assert.Equal([unassigned], await IdsAsync($"team={teamId}&assignee=none"));
    }

    [Fact]
    public async Task List_PagesWithCursor_WithoutGapsOrRepeats()
    {
        var teamId = await f.CreateTeamAsync();
        var created = new List<long>();
        for (var i = 0; i < 5; i++) created.Add((await f.CreateTicketAsync(teamId: teamId)).Id());
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await f.Admin.GetAsync($"/api/v1/tickets?team={teamId}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")).Json(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        } while (cursor is not null);
        Assert.Equal(created.AsEnumerable().Reverse(), seen);
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("priority=bogus", "priority")]
    [InlineData("assignee=someone", "assignee")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=!!notacursor", "cursor")]
    public async Task List_WithBadFilter_Returns400(string query, string field) =>
        await f.Admin.GetAsync("/api/v1/tickets?" + query).ValidationProblem(field);

    [Fact]
    public async Task List_WithNonNumericParameter_Returns400ProblemDetails()
    {
        await f.Admin.GetAsync("/api/v1/tickets?limit=abc").Problem(HttpStatusCode.BadRequest);
        await f.Admin.GetAsync("/api/v1/tickets?team=x").Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_WithoutToken_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
    }
}

public sealed class ListTicketsTests_Sqlite(SqliteApp f) : ListTicketsTests(f), IClassFixture<SqliteApp>;

public sealed class ListTicketsTests_Postgres(PostgresApp f) : ListTicketsTests(f), IClassFixture<PostgresApp>;
