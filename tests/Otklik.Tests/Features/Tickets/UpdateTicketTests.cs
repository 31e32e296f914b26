using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class UpdateTicketTests(AppFixture f)
{
    [Fact]
    public async Task Patch_ChangesFields_BumpsVersion_AndRecordsTimeline()
    {
        var ticket = await f.CreateTicketAsync();
        var (_, agentId) = await f.CreateAgentAsync();
        var teamId = await f.CreateTeamAsync();
        var response = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{ticket.Id()}",
            new { subject = "Renamed", status = "pending", priority = "high", assigneeId = agentId, teamId, tags = new[] { "Billing" } });
        var updated = await (await response.ShouldBe(HttpStatusCode.OK)).Json();
        Assert.Equal("Renamed", updated.Str("subject"));
        Assert.Equal("pending", updated.Str("status"));
        Assert.Equal("high", updated.Str("priority"));
        Assert.Equal(agentId, updated.GetProperty("assignee").Id());
        Assert.Equal(teamId, updated.GetProperty("team").Id());
        Assert.Equal(["billing"], updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(updated.GetProperty("version").GetInt32() > ticket.GetProperty("version").GetInt32());
        Assert.Equal($"\"{updated.GetProperty("version").GetInt32()}\"", response.Headers.ETag?.Tag);
        Assert.Contains(updated.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("field").GetString() == "priority");
    }

    [Fact]
    public async Task Patch_WithStaleIfMatch_Returns409()
    {
        var ticket = await f.CreateTicketAsync();
        var id = ticket.Id();
        var etag = (await f.Admin.GetAsync($"/api/v1/tickets/{id}")).Headers.ETag!.Tag;
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { priority = "low" }, ifMatch: etag).ShouldBe(HttpStatusCode.OK);
        var problem = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { priority = "urgent" }, ifMatch: etag).Problem(HttpStatusCode.Conflict);
        Assert.Equal("stale_version", problem.Str("code"));
        Assert.Equal("low", (await f.GetTicketAsync(id)).Str("priority"));
    }

    [Fact]
    public async Task Patch_WithStaleBodyVersion_Returns409()
    {
        var ticket = await f.CreateTicketAsync();
        var id = ticket.Id();
        var version = ticket.GetProperty("version").GetInt32();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { subject = "First", version }).ShouldBe(HttpStatusCode.OK);
        var problem = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { subject = "Second", version }).Problem(HttpStatusCode.Conflict);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("First", (await f.GetTicketAsync(id)).Str("subject"));
    }

    [Fact]
    public async Task Patch_WithUnknownField_Returns400() =>
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{(await f.CreateTicketAsync()).Id()}", new { subjekt = "typo" }).ValidationProblem("subjekt");

    [Fact]
    public async Task Patch_WithUnknownStatus_Returns400()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status = "bogus" }).ValidationProblem("status");
        Assert.Equal("new", (await f.GetTicketAsync(id)).Str("status"));
    }

    [Fact]
    public async Task Patch_WithWrongTypes_Returns400()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchRawAsync($"/api/v1/tickets/{id}", """{"subject": 42}""").ValidationProblem("subject");
        await f.Admin.PatchRawAsync($"/api/v1/tickets/{id}", """{"tags": "vip"}""").ValidationProblem("tags");
        await f.Admin.PatchRawAsync($"/api/v1/tickets/{id}", """{"assigneeId": "me"}""").ValidationProblem("assigneeId");
        await f.Admin.PatchRawAsync($"/api/v1/tickets/{id}", """[1, 2]""").ValidationProblem("body");
    }

    [Fact]
    public async Task Patch_WithSubjectTooLong_Returns400() =>
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{(await f.CreateTicketAsync()).Id()}", new { subject = new string('x', 251) }).ValidationProblem("subject");

    [Fact]
    public async Task Patch_BackToNew_Returns400()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status = "open" }).ShouldBe(HttpStatusCode.OK);
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status = "new" }).ValidationProblem("status");
    }

    [Fact]
    public async Task Patch_ClosedTicketStatus_Returns409()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status = "closed" }).ShouldBe(HttpStatusCode.OK);
        var problem = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status = "open" }).Problem(HttpStatusCode.Conflict);
        Assert.Equal("ticket_closed", problem.Str("code"));
    }

    [Fact]
    public async Task Patch_UnknownTicket_Returns404() =>
        await f.Admin.PatchJsonAsync("/api/v1/tickets/987654321", new { subject = "x" }).Problem(HttpStatusCode.NotFound);
}

public sealed class UpdateTicketTests_Sqlite(SqliteApp f) : UpdateTicketTests(f), IClassFixture<SqliteApp>;

public sealed class UpdateTicketTests_Postgres(PostgresApp f) : UpdateTicketTests(f), IClassFixture<PostgresApp>;
