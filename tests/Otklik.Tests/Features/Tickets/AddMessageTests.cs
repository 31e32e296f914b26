using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class AddMessageTests(AppFixture f)
{
    private Task<HttpResponseMessage> Post(long id, object body) => f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", body);

    private async Task SetStatus(long id, string status) =>
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { status }).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task AgentReply_SetsFirstResponse_AndAppliesStatus()
    {
        var id = (await f.CreateTicketAsync()).Id();
        var added = await Post(id, new { body = "We are on it", status = "pending" }).Json(HttpStatusCode.Created);
        Assert.Equal("pending", added.Str("ticketStatus"));
        Assert.Equal("outbound", added.GetProperty("message").Str("kind"));
        Assert.False(added.GetProperty("followUpCreated").GetBoolean());
        var ticket = await f.GetTicketAsync(id);
        Assert.NotEqual(JsonValueKind.Null, ticket.GetProperty("firstResponseAt").ValueKind);
        Assert.Equal(2, ticket.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task InternalNote_IsNotAFirstResponse()
    {
        var id = (await f.CreateTicketAsync()).Id();
        var added = await Post(id, new { body = "Checking", @internal = true }).Json(HttpStatusCode.Created);
        Assert.Equal("note", added.GetProperty("message").Str("kind"));
        var ticket = await f.GetTicketAsync(id);
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("firstResponseAt").ValueKind);
        Assert.Equal("new", ticket.Str("status"));
    }

    [Fact]
    public async Task CustomerReply_OnSolvedTicket_ReopensIt()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await SetStatus(id, "solved");
        var added = await Post(id, new { body = "Not fixed", from = "customer" }).Json(HttpStatusCode.Created);
        Assert.Equal(id, added.GetProperty("ticketId").GetInt64());
        Assert.Equal("open", added.Str("ticketStatus"));
        Assert.Equal("open", (await f.GetTicketAsync(id)).Str("status"));
    }

    [Fact]
    public async Task CustomerReply_OnPendingTicket_ReopensIt()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await SetStatus(id, "pending");
        await Post(id, new { body = "Here is the info", from = "customer" }).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("open", (await f.GetTicketAsync(id)).Str("status"));
    }

    [Fact]
    public async Task CustomerReply_OnClosedTicket_CreatesLinkedFollowUp()
    {
        var original = await f.CreateTicketAsync(subject: "Broken kettle", tags: ["kitchen"]);
        var id = original.Id();
        await SetStatus(id, "closed");
        var added = await Post(id, new { body = "It broke again", from = "customer" }).Json(HttpStatusCode.Created);
        Assert.True(added.GetProperty("followUpCreated").GetBoolean());
        var followUpId = added.GetProperty("ticketId").GetInt64();
        Assert.NotEqual(id, followUpId);

        var followUp = await f.GetTicketAsync(followUpId);
        Assert.Equal(id, followUp.GetProperty("followUpOfId").GetInt64());
        Assert.Equal("Broken kettle", followUp.Str("subject"));
        Assert.Equal("It broke again", Assert.Single(followUp.GetProperty("messages").EnumerateArray()).Str("body"));
        Assert.Equal(["kitchen"], followUp.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(followUpId, (await f.GetTicketAsync(id)).GetProperty("linkedTicketIds").EnumerateArray().Select(x => x.GetInt64()));
        var closed = await f.GetTicketAsync(id);
        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(1, closed.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task AgentReply_OnClosedTicket_Returns409()
    {
        var id = (await f.CreateTicketAsync()).Id();
        await SetStatus(id, "closed");
        Assert.Equal("ticket_closed", (await Post(id, new { body = "Hello?" }).Problem(HttpStatusCode.Conflict)).Str("code"));
    }

    [Fact]
    public async Task HtmlReply_IsSanitized()
    {
        var id = (await f.CreateTicketAsync()).Id();
        var added = await Post(id, new { html = "<p>Hi <b>there</b><script>alert(1)</script></p>" }).Json(HttpStatusCode.Created);
        var html = added.GetProperty("message").Str("html");
        Assert.Contains("<b>there</b>", html);
        Assert.DoesNotContain("script", html);
        Assert.Contains("Hi there", added.GetProperty("message").Str("body"));
    }

    [Theory]
    [InlineData("""{"body": ""}""", "body")]
    [InlineData("""{"body": "x", "from": "robot"}""", "from")]
    [InlineData("""{"body": "x", "from": "customer", "internal": true}""", "internal")]
    [InlineData("""{"body": "x", "status": "bogus"}""", "status")]
    public async Task AddMessage_WithInvalidRequest_Returns400(string json, string field) =>
        await f.Admin.PostRawAsync($"/api/v1/tickets/{(await f.CreateTicketAsync()).Id()}/messages", json).ValidationProblem(field);

    [Fact]
    public async Task AddMessage_WithWrongJsonType_Returns400() =>
        await f.Admin.PostRawAsync($"/api/v1/tickets/{(await f.CreateTicketAsync()).Id()}/messages", """{"body": "x", "internal": "yes"}""")
            .Problem(HttpStatusCode.BadRequest);

    [Fact]
    public async Task CustomerMessage_WithStatus_Returns400() =>
        await Post((await f.CreateTicketAsync()).Id(), new { body = "x", from = "customer", status = "solved" }).ValidationProblem("status");

    [Fact]
    public async Task AddMessage_UnknownTicket_Returns404() =>
        await Post(987654321, new { body = "x" }).Problem(HttpStatusCode.NotFound);
}

public sealed class AddMessageTests_Sqlite(SqliteApp f) : AddMessageTests(f), IClassFixture<SqliteApp>;

public sealed class AddMessageTests_Postgres(PostgresApp f) : AddMessageTests(f), IClassFixture<PostgresApp>;
