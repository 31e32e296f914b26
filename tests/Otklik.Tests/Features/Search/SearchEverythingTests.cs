using System.Net;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Search;

public abstract class SearchEverythingTests(AppFixture f)
{
    private async Task<List<JsonElement>> SearchAsync(string q) =>
        (await f.Admin.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&limit=100").Json(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().ToList();

    private static bool FindsTicket(List<JsonElement> hits, long id) =>
        hits.Any(h => h.GetProperty("ticketId").ValueKind == JsonValueKind.Number && h.GetProperty("ticketId").GetInt64() == id);

    [Fact]
    public async Task Search_RussianWordForm_FindsSubject()
    {
        var id = (await f.CreateTicketAsync(subject: "Мои заказы не доставлены", body: "Жду неделю")).Id();
        Assert.True(FindsTicket(await SearchAsync("заказ"), id));
        Assert.True(FindsTicket(await SearchAsync("заказов"), id));
        Assert.True(FindsTicket(await SearchAsync("ЗАКАЗЫ доставлены"), id));
    }

    [Fact]
    public async Task Search_EnglishWordForm_FindsMessageBody()
    {
        var id = (await f.CreateTicketAsync(subject: "Money question", body: "Please process my refund quickly")).Id();
        var hits = await SearchAsync("refunds");
        Assert.True(FindsTicket(hits, id));
        Assert.Contains(hits, h => h.Str("kind") == "message" && h.Str("snippet").Contains("refund"));
        Assert.True(FindsTicket(await SearchAsync("refunded"), id));
    }

    [Fact]
    public async Task Search_FindsAgentReplies_AndNotUnrelatedTickets()
    {
        var unrelated = (await f.CreateTicketAsync(subject: "Совсем другое", body: "Про погоду")).Id();
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Возврат оформлен, деньги придут завтра" }).ShouldBe(HttpStatusCode.Created);
        var hits = await SearchAsync("возвраты");
        Assert.True(FindsTicket(hits, id));
        Assert.False(FindsTicket(hits, unrelated));
    }

    [Fact]
    public async Task Search_FindsCustomerByEmailPart()
    {
        var local = AppFixture.Unique("ivanov");
        var customerId = (await f.CreateTicketAsync(email: local + "@mail.test")).GetProperty("customer").Id();
        var hits = await SearchAsync(local);
        Assert.Contains(hits, h => h.Str("kind") == "customer" && h.GetProperty("customerId").GetInt64() == customerId);
    }

    [Fact]
    public async Task Search_AfterUpdate_FindsNewSubjectOnly()
    {
        var id = (await f.CreateTicketAsync(subject: "Старая тема про самокат")).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { subject = "Новая тема про велосипед" }).ShouldBe(HttpStatusCode.OK);
        Assert.True(FindsTicket(await SearchAsync("велосипеды"), id));
        Assert.DoesNotContain(await SearchAsync("самокаты"), h => h.Str("kind") == "ticket" && h.GetProperty("ticketId").GetInt64() == id);
    }

    [Fact]
    public async Task Search_DoesNotReturnMergedCustomers()
    {
        var marker = "Merged" + Guid.NewGuid().ToString("N")[..8];
        var source = await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name = marker, email = AppFixture.Unique() + "@c.test" }).Json(HttpStatusCode.Created);
        var target = await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Survivor", email = AppFixture.Unique() + "@c.test" }).Json(HttpStatusCode.Created);
        Assert.Contains(await SearchAsync(marker), h => h.Str("kind") == "customer" && h.GetProperty("customerId").GetInt64() == source.Id());

        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{source.Id()}/merge", new { targetId = target.Id() }).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(await SearchAsync(marker), h => h.Str("kind") == "customer" && h.GetProperty("customerId").GetInt64() == source.Id());
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("\"refund*")]
    [InlineData("refund OR (x AND -y)")]
    [InlineData("a:b & c | !d")]
    public async Task Search_WithOperatorCharacters_Returns200(string q) =>
        await f.Admin.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}").ShouldBe(HttpStatusCode.OK);

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=x&limit=0")]
    public async Task Search_Invalid_Returns400(string query) =>
        await f.Admin.GetAsync("/api/v1/search" + query).Problem(HttpStatusCode.BadRequest);

    [Fact]
    public async Task Search_WithoutToken_Returns401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/search?q=x")).StatusCode);
    }
}

public sealed class SearchEverythingTests_Sqlite(SqliteApp f) : SearchEverythingTests(f), IClassFixture<SqliteApp>;

public sealed class SearchEverythingTests_Postgres(PostgresApp f) : SearchEverythingTests(f), IClassFixture<PostgresApp>;
