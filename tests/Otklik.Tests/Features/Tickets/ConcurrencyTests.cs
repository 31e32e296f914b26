using System.Net.Http.Json;
using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

/// <summary>Requests that race: retries of one create, and edits made from the same version.</summary>
public abstract class ConcurrencyTests(AppFixture f)
{
    [Fact]
    public async Task ParallelCreates_WithOneIdempotencyKey_MakeOneTicket()
    {
        var key = Guid.NewGuid().ToString();
        var email = AppFixture.Unique() + "@customer.test";
        var body = new { subject = "Race", customer = new { email }, message = new { body = "once" } };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return f.Admin.SendAsync(request);
        }));
        var ids = new HashSet<long>();
        foreach (var response in responses) ids.Add((await (await response.ShouldBe(HttpStatusCode.Created)).Json()).Id());
        Assert.Single(ids);
        var customerId = (await f.GetTicketAsync(ids.Single())).GetProperty("customer").Id();
        var tickets = await f.Admin.GetAsync($"/api/v1/customers/{customerId}/tickets").Json(HttpStatusCode.OK);
        Assert.Equal(1, tickets.GetArrayLength());
    }

    [Fact]
    public async Task ParallelReplies_ToOneTicket_AreAllStored()
    {
        // Adding a message is not conditional on the version: a reply that meets a newer ticket is applied to it, never a 500.
        var ticket = await f.CreateTicketAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/messages", new { body = $"Reply {i}", @internal = i % 2 == 0 })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = (await f.GetTicketAsync(ticket.Id())).GetProperty("messages").EnumerateArray().Select(m => m.Str("body")).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Reply {i}").Order(), bodies.Where(b => b.StartsWith("Reply ")).Order());
    }

    [Fact]
    public async Task ParallelPatches_FromOneVersion_OnlyOneWins()
    {
        var ticket = await f.CreateTicketAsync();
        var version = ticket.GetProperty("version").GetInt32();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            f.Admin.PatchJsonAsync($"/api/v1/tickets/{ticket.Id()}", new { subject = $"Edit {i}", version })));
        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.True(codes.Count(c => c == HttpStatusCode.OK) == 1 && codes.Count(c => c == HttpStatusCode.Conflict) == 3,
            "Expected one 200 and three 409, got " + string.Join(", ", codes));
        var stored = await f.GetTicketAsync(ticket.Id());
        Assert.Equal(version + 1, stored.GetProperty("version").GetInt32());
    }
}

public sealed class ConcurrencyTests_Sqlite(SqliteApp f) : ConcurrencyTests(f), IClassFixture<SqliteApp>;

public sealed class ConcurrencyTests_Postgres(PostgresApp f) : ConcurrencyTests(f), IClassFixture<PostgresApp>;
