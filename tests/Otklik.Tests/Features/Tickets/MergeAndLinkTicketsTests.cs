using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

/// <summary>POST /tickets/{id}/merge, POST /tickets/{id}/links, DELETE /tickets/{id}/links/{linkedId}.</summary>
public abstract class MergeAndLinkTicketsTests(AppFixture f)
{
    private static List<long> Linked(System.Text.Json.JsonElement t) =>
        t.GetProperty("linkedTicketIds").EnumerateArray().Select(x => x.GetInt64()).ToList();

    [Fact]
    public async Task Merge_MovesMessagesAndParticipants_AndClosesSource()
    {
        var source = await f.CreateTicketAsync(body: "From the source");
        var target = await f.CreateTicketAsync(body: "From the target");
        var merged = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{source.Id()}/merge", new { targetId = target.Id() }).Json(HttpStatusCode.OK);

        Assert.Equal(target.Id(), merged.Id());
        Assert.Equal(["From the source", "From the target"], merged.GetProperty("messages").EnumerateArray().Select(m => m.Str("body")));
        Assert.Contains(merged.GetProperty("participants").EnumerateArray(), p => p.Id() == source.GetProperty("customer").Id());
        var closed = await f.GetTicketAsync(source.Id());
        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(target.Id(), closed.GetProperty("mergedIntoId").GetInt64());
        Assert.Empty(closed.GetProperty("messages").EnumerateArray());

        var list = await f.Admin.GetAsync("/api/v1/tickets?limit=200").Json(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), t => t.Id() == source.Id());
        var write = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{source.Id()}/messages", new { body = "x", from = "customer" }).Problem(HttpStatusCode.Conflict);
        Assert.Equal("ticket_merged", write.Str("code"));
    }

    [Fact]
    public async Task Merge_IntoClosedTicket_Returns409()
    {
        var source = (await f.CreateTicketAsync()).Id();
        var target = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{target}", new { status = "closed" }).ShouldBe(HttpStatusCode.OK);
        var problem = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{source}/merge", new { targetId = target }).Problem(HttpStatusCode.Conflict);
        Assert.Equal("target_closed", problem.Str("code"));
    }

    [Fact]
    public async Task Merge_WithBadRequest_Returns400Or404()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/merge", new { }).ValidationProblem("targetId");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/merge", new { targetId = id }).ValidationProblem("targetId");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/merge", new { targetId = 987654321 }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Link_ThenUnlink_ShowsOnBothTickets()
    {
        var a = (await f.CreateTicketAsync()).Id();
        var b = (await f.CreateTicketAsync()).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{a}/links", new { linkedId = b }).ShouldBe(HttpStatusCode.NoContent);
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{b}/links", new { linkedId = a }).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal([b], Linked(await f.GetTicketAsync(a)));
        Assert.Equal([a], Linked(await f.GetTicketAsync(b)));
        Assert.Contains((await f.GetTicketAsync(b)).GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "linked");

        await f.Admin.DeleteAsync($"/api/v1/tickets/{b}/links/{a}").ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(Linked(await f.GetTicketAsync(a)));
        Assert.Empty(Linked(await f.GetTicketAsync(b)));
    }

    [Fact]
    public async Task Link_WithBadRequest_Returns400Or404()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/links", new { }).ValidationProblem("linkedId");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/links", new { linkedId = id }).ValidationProblem("linkedId");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/links", new { linkedId = 987654321 }).Problem(HttpStatusCode.NotFound);
        await f.Admin.DeleteAsync($"/api/v1/tickets/987654321/links/{id}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Agent_CannotMergeOrLinkAnotherTeamsTicket()
    {
        var (agent, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        var visible = (await f.CreateTicketAsync()).Id();
        var hidden = (await f.CreateTicketAsync(teamId: await f.CreateTeamAsync())).Id();
        await agent.PostAsJsonAsync($"/api/v1/tickets/{visible}/merge", new { targetId = hidden }).Problem(HttpStatusCode.NotFound);
        await agent.PostAsJsonAsync($"/api/v1/tickets/{visible}/links", new { linkedId = hidden }).Problem(HttpStatusCode.NotFound);
        Assert.Equal("new", (await f.GetTicketAsync(visible)).Str("status"));
    }
}

public sealed class MergeAndLinkTicketsTests_Sqlite(SqliteApp f) : MergeAndLinkTicketsTests(f), IClassFixture<SqliteApp>;

public sealed class MergeAndLinkTicketsTests_Postgres(PostgresApp f) : MergeAndLinkTicketsTests(f), IClassFixture<PostgresApp>;
