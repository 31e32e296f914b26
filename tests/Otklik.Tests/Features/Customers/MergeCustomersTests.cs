using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Customers;

public abstract class MergeCustomersTests(AppFixture f)
{
    [Fact]
    public async Task Merge_MovesTicketsAndIdentities_ToTheSurvivor()
    {
        var sourceEmail = AppFixture.Unique() + "@customer.test";
        var ticket = await f.CreateTicketAsync(email: sourceEmail);
        var sourceId = ticket.GetProperty("customer").Id();
        var targetId = (await f.CreateTicketAsync()).GetProperty("customer").Id();

        var merged = await f.Admin.PostAsJsonAsync($"/api/v1/customers/{sourceId}/merge", new { targetId }).Json(HttpStatusCode.OK);
        Assert.Equal(targetId, merged.Id());
        Assert.Equal(2, merged.GetProperty("ticketCount").GetInt32());
        Assert.Contains(merged.GetProperty("identities").EnumerateArray(), i => i.Str("value") == sourceEmail);

        Assert.Equal(targetId, (await f.GetTicketAsync(ticket.Id())).GetProperty("customer").Id());
        var source = await f.Admin.GetAsync($"/api/v1/customers/{sourceId}").Json(HttpStatusCode.OK);
        Assert.Equal(targetId, source.GetProperty("mergedIntoId").GetInt64());
        var again = await f.CreateTicketAsync(email: sourceEmail);
        Assert.Equal(targetId, again.GetProperty("customer").Id());
    }

    [Fact]
    public async Task Merge_Invalid_Returns400_404_409()
    {
        var a = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        var b = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        var c = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { }).ValidationProblem("targetId");
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = a }).ValidationProblem("targetId");
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = 987654321 }).Problem(HttpStatusCode.NotFound);
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = b }).ShouldBe(HttpStatusCode.OK);
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = c }).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Merge_WithoutToken_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/customers/1/merge", new { targetId = 2 })).StatusCode);
    }
}

public sealed class MergeCustomersTests_Sqlite(SqliteApp f) : MergeCustomersTests(f), IClassFixture<SqliteApp>;

public sealed class MergeCustomersTests_Postgres(PostgresApp f) : MergeCustomersTests(f), IClassFixture<PostgresApp>;
