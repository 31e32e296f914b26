using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

/// <summary>GET /tickets/{id} and who may see what.</summary>
public abstract class GetTicketTests(AppFixture f)
{
    [Fact]
    public async Task Get_ReturnsMessagesTimelineAndETag()
    {
        var id = (await f.CreateTicketAsync(body: "First words")).Id();
        var response = await f.Admin.GetAsync($"/api/v1/tickets/{id}").ShouldBe(HttpStatusCode.OK);
        var ticket = await response.Json();
        Assert.Equal($"\"{ticket.GetProperty("version").GetInt32()}\"", response.Headers.ETag?.Tag);
        Assert.Equal("First words", ticket.GetProperty("messages")[0].Str("body"));
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "created");
    }

    [Fact]
    public async Task Get_UnknownTicket_Returns404ProblemDetails() =>
        await f.Admin.GetAsync("/api/v1/tickets/987654321").Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Get_WithoutToken_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets/1")).StatusCode);
    }

    [Fact]
    public async Task Agent_CannotSeeAnotherTeamsTicket_Returns404()
    {
        var mine = await f.CreateTeamAsync();
        var theirs = await f.CreateTeamAsync();
        var (agent, _) = await f.CreateAgentAsync("agent", mine);
        var hidden = (await f.CreateTicketAsync(teamId: theirs)).Id();

        await agent.GetAsync($"/api/v1/tickets/{hidden}").Problem(HttpStatusCode.NotFound);
        await agent.PatchJsonAsync($"/api/v1/tickets/{hidden}", new { priority = "low" }).Problem(HttpStatusCode.NotFound);
        await agent.PostAsJsonAsync($"/api/v1/tickets/{hidden}/messages", new { body = "hi" }).Problem(HttpStatusCode.NotFound);
        var list = await agent.GetAsync("/api/v1/tickets?limit=200").Json(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), t => t.Id() == hidden);
    }

    [Fact]
    public async Task Agent_SeesOwnTeamUnassignedTeamlessAndAssignedTickets()
    {
        var mine = await f.CreateTeamAsync();
        var theirs = await f.CreateTeamAsync();
        var (agent, agentId) = await f.CreateAgentAsync("agent", mine);
        var teamTicket = (await f.CreateTicketAsync(teamId: mine)).Id();
        var teamless = (await f.CreateTicketAsync()).Id();
        var assigned = (await f.CreateTicketAsync(teamId: theirs)).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{assigned}", new { assigneeId = agentId }).ShouldBe(HttpStatusCode.OK);

        foreach (var id in new[] { teamTicket, teamless, assigned })
            await agent.GetAsync($"/api/v1/tickets/{id}").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Supervisor_SeesEveryTeamsTicket()
    {
        var (supervisor, _) = await f.CreateAgentAsync("supervisor");
        var id = (await f.CreateTicketAsync(teamId: await f.CreateTeamAsync())).Id();
        await supervisor.GetAsync($"/api/v1/tickets/{id}").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Agent_SearchDoesNotRevealAnotherTeamsTicket()
    {
        var word = "zebracorn" + Guid.NewGuid().ToString("N")[..6];
        var (agent, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        await f.CreateTicketAsync(subject: $"Secret {word}", teamId: await f.CreateTeamAsync());
        var admin = await f.Admin.GetAsync($"/api/v1/search?q={word}").Json(HttpStatusCode.OK);
        Assert.NotEmpty(admin.GetProperty("items").EnumerateArray());
        var hits = await agent.GetAsync($"/api/v1/search?q={word}").Json(HttpStatusCode.OK);
        Assert.DoesNotContain(hits.GetProperty("items").EnumerateArray(), h => h.GetProperty("ticketId").ValueKind != JsonValueKind.Null);
    }
}

public sealed class GetTicketTests_Sqlite(SqliteApp f) : GetTicketTests(f), IClassFixture<SqliteApp>;

public sealed class GetTicketTests_Postgres(PostgresApp f) : GetTicketTests(f), IClassFixture<PostgresApp>;
