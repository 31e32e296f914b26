using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class CreateTicketTests(AppFixture f)
{
    private static object Request(string subject, string email) =>
        new { subject, customer = new { email, name = "Anna" }, message = new { body = "My order is late" } };

    private static HttpRequestMessage Post(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Create_WithValidRequest_ReturnsTicketWithFirstMessage()
    {
        var ticket = await f.CreateTicketAsync(subject: "Printer on fire", body: "It smokes.", tags: ["Hardware", " urgent issue "]);
        Assert.Equal("Printer on fire", ticket.Str("subject"));
        Assert.Equal("new", ticket.Str("status"));
        var message = Assert.Single(ticket.GetProperty("messages").EnumerateArray());
        Assert.Equal("It smokes.", message.Str("body"));
        Assert.Equal("inbound", message.Str("kind"));
        Assert.Equal(["hardware", "urgent-issue"], ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var stored = await f.GetTicketAsync(ticket.Id());
        Assert.Equal("Printer on fire", stored.Str("subject"));
    }

    [Fact]
    public async Task Create_ForKnownCustomerEmail_ReusesTheCustomer()
    {
        var email = AppFixture.Unique() + "@customer.test";
        var first = await f.CreateTicketAsync(email: email);
        var second = await f.CreateTicketAsync(email: email.ToUpperInvariant());
        Assert.Equal(first.GetProperty("customer").Id(), second.GetProperty("customer").Id());
    }

    [Fact]
    public async Task Create_WithDuplicateIdempotencyKey_ReturnsSameTicket()
    {
        var key = Guid.NewGuid().ToString();
        var body = Request("Idempotent", AppFixture.Unique() + "@customer.test");
        var first = await f.Admin.SendAsync(Post(body, key)).Json(HttpStatusCode.Created);
        var again = await (await f.Admin.SendAsync(Post(body, key))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Id(), (await again.Json()).Id());
        Assert.Single(await f.Admin.GetFromJsonAsync<System.Text.Json.JsonElement[]>(
            $"/api/v1/customers/{first.GetProperty("customer").Id()}/tickets") ?? []);
    }

    [Fact]
    public async Task Create_WithReusedIdempotencyKeyAndDifferentBody_Returns409()
    {
        var key = Guid.NewGuid().ToString();
        var email = AppFixture.Unique() + "@customer.test";
        var first = await f.Admin.SendAsync(Post(Request("One", email), key));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        await first.ShouldBe(HttpStatusCode.Created);
        var problem = await f.Admin.SendAsync(Post(Request("Two", email), key)).Problem(HttpStatusCode.Conflict);
        Assert.Equal("idempotency_key_reused", problem.Str("code"));
    }

    [Fact]
    public async Task Create_WithSameIdempotencyKeyByAnotherAgent_MakesAnotherTicket()
    {
        var key = Guid.NewGuid().ToString();
        var body = Request("Per agent", AppFixture.Unique() + "@customer.test");
        var (agent, _) = await f.CreateAgentAsync();
        var mine = await f.Admin.SendAsync(Post(body, key)).Json(HttpStatusCode.Created);
        var theirs = await agent.SendAsync(Post(body, key)).Json(HttpStatusCode.Created);
        Assert.NotEqual(mine.Id(), theirs.Id());
    }

    [Fact]
    public async Task Create_WithSubjectOver250Characters_Returns400()
    {
        await f.Admin.PostAsJsonAsync("/api/v1/tickets", Request(new string('s', 251), "a@b.test")).ValidationProblem("subject");
        await f.Admin.PostAsJsonAsync("/api/v1/tickets", Request(new string('s', 250), AppFixture.Unique() + "@b.test")).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Create_WithBadEmail_Returns400() =>
        await f.Admin.PostAsJsonAsync("/api/v1/tickets", Request("Hi", "not-an-email")).ValidationProblem("customer.email");

    [Fact]
    public async Task Create_WithUnknownPriority_Returns400()
    {
        var body = new { subject = "Hi", customer = new { email = "x@y.test" }, message = new { body = "b" }, priority = "bogus" };
        var problem = await f.Admin.PostAsJsonAsync("/api/v1/tickets", body).ValidationProblem("priority");
        Assert.Contains("urgent", problem.GetProperty("errors").GetProperty("priority")[0].GetString());
    }

    [Fact]
    public async Task Create_WithoutMessage_Returns400() =>
        await f.Admin.PostAsJsonAsync("/api/v1/tickets", new { subject = "Hi", customer = new { email = "x@y.test" } }).ValidationProblem("message.body");

    [Fact]
    public async Task Create_WithWrongJsonType_Returns400ProblemDetails()
    {
        var problem = await f.Admin.PostRawAsync("/api/v1/tickets", """{"subject": 123, "customer": {"email": "x@y.test"}, "message": {"body": "b"}}""")
            .Problem(HttpStatusCode.BadRequest);
        Assert.Contains("'subject' has the wrong type", problem.Str("detail"));
        var malformed = await f.Admin.PostRawAsync("/api/v1/tickets", "{not json").Problem(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", malformed.Str("detail"));
    }

    [Fact]
    public async Task Create_WithUnknownTeam_Returns400()
    {
        var body = new { subject = "Hi", customer = new { email = "x@y.test" }, message = new { body = "b" }, teamId = 999999 };
        await f.Admin.PostAsJsonAsync("/api/v1/tickets", body).ValidationProblem("teamId");
    }

    [Fact]
    public async Task Create_WithoutToken_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/tickets", Request("Hi", "x@y.test"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class CreateTicketTests_Sqlite(SqliteApp f) : CreateTicketTests(f), IClassFixture<SqliteApp>;

public sealed class CreateTicketTests_Postgres(PostgresApp f) : CreateTicketTests(f), IClassFixture<PostgresApp>;
