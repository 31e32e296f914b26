using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Customers;

public abstract class CustomerEndpointsTests(AppFixture f)
{
    private static int _phones = Random.Shared.Next(1000, 9000);

    /// <summary>A phone no other test uses: "+7 (912) 345-NN-NN".</summary>
    private static string NewPhone() => $"+7 (912) 345-{Interlocked.Increment(ref _phones):00-00}";

    private async Task<System.Text.Json.JsonElement> CreateAsync(string? email = null, string name = "Мария Иванова", string? phone = null) =>
        await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name, email = email ?? AppFixture.Unique() + "@customer.test", phone = phone ?? NewPhone(), timeZone = "Europe/Moscow" })
            .Json(HttpStatusCode.Created);

    [Fact]
    public async Task Create_ThenGet_ReturnsNormalizedIdentities()
    {
        var email = AppFixture.Unique() + "@Customer.TEST";
        var phone = NewPhone();
        var created = await CreateAsync(email, phone: phone);
        var customer = await f.Admin.GetAsync($"/api/v1/customers/{created.Id()}").Json(HttpStatusCode.OK);
        var identities = customer.GetProperty("identities").EnumerateArray().Select(i => i.Str("value")).ToList();
        Assert.Equal([email.ToLowerInvariant(), "+" + new string(phone.Where(char.IsDigit).ToArray())], identities);
        Assert.Equal("Мария Иванова", customer.Str("name"));
    }

    [Fact]
    public async Task Create_WithTakenEmail_Returns409()
    {
        var email = AppFixture.Unique() + "@customer.test";
        await CreateAsync(email);
        Assert.Equal("identity_taken", (await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Other", email }).Problem(HttpStatusCode.Conflict)).Str("code"));
    }

    [Theory]
    [InlineData("""{"name": "X", "email": "bad-email"}""", "email")]
    [InlineData("""{"name": "", "email": "a@b.test"}""", "name")]
    [InlineData("""{"name": "X"}""", "email")]
    [InlineData("""{"name": "X", "phone": "12"}""", "phone")]
    [InlineData("""{"name": "X", "email": "a@b.test", "timeZone": "Mars/Olympus"}""", "timeZone")]
    public async Task Create_Invalid_Returns400(string json, string field) =>
        await f.Admin.PostRawAsync("/api/v1/customers", json).ValidationProblem(field);

    [Fact]
    public async Task List_FindsByNameAndEmailPart()
    {
        var marker = AppFixture.Unique("zz");
        var created = await CreateAsync(marker + "@customer.test", name: "Pyotr " + marker);
        var byName = await f.Admin.GetAsync($"/api/v1/customers?q={marker.ToUpperInvariant()}").Json(HttpStatusCode.OK);
        Assert.Equal([created.Id()], byName.EnumerateArray().Select(c => c.Id()));
        var all = await f.Admin.GetAsync("/api/v1/customers?limit=200").Json(HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), c => c.Id() == created.Id());
    }

    [Fact]
    public async Task List_FindsCyrillicNameInAnyCase()
    {
        var marker = AppFixture.Unique("zz");
        var created = await CreateAsync(name: $"Мария Петрова {marker}");
        foreach (var q in new[] { "мария петрова", "МАРИЯ", "Петрова" })
        {
            var found = await f.Admin.GetAsync($"/api/v1/customers?limit=200&q={Uri.EscapeDataString(q)}").Json(HttpStatusCode.OK);
            Assert.True(found.EnumerateArray().Any(c => c.Id() == created.Id()), $"'{q}' did not find the customer");
        }
    }

    [Fact]
    public async Task Tickets_ListsTheCustomersTickets()
    {
        var email = AppFixture.Unique() + "@customer.test";
        var first = await f.CreateTicketAsync(email: email);
        var second = await f.CreateTicketAsync(email: email);
        var customerId = first.GetProperty("customer").Id();
        var tickets = await f.Admin.GetAsync($"/api/v1/customers/{customerId}/tickets").Json(HttpStatusCode.OK);
        Assert.Equal([second.Id(), first.Id()], tickets.EnumerateArray().Select(t => t.Id()));
        Assert.Equal(2, (await f.Admin.GetAsync($"/api/v1/customers/{customerId}").Json(HttpStatusCode.OK)).GetProperty("ticketCount").GetInt32());
    }

    [Fact]
    public async Task Get_Unknown_Returns404() =>
        await f.Admin.GetAsync("/api/v1/customers/987654321").Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Patch_UpdatesFields_AndAddsIdentity()
    {
        var id = (await CreateAsync()).Id();
        var extra = AppFixture.Unique() + "@customer.test";
        var updated = await f.Admin.PatchJsonAsync($"/api/v1/customers/{id}",
            new { name = "Maria", isVip = true, language = "ru", attributes = new { plan = "gold" }, addEmail = extra }).Json(HttpStatusCode.OK);
        Assert.Equal("Maria", updated.Str("name"));
        Assert.True(updated.GetProperty("isVip").GetBoolean());
        Assert.Equal("gold", updated.GetProperty("attributes").Str("plan"));
        Assert.Contains(updated.GetProperty("identities").EnumerateArray(), i => i.Str("value") == extra);
    }

    [Fact]
    public async Task Patch_RemovesIdentity_AndRefusesAnotherCustomersEmail()
    {
        var other = AppFixture.Unique() + "@customer.test";
        await CreateAsync(other);
        var created = await CreateAsync();
        var phone = created.GetProperty("identities").EnumerateArray().Single(i => i.Str("kind") == "phone");
        var updated = await f.Admin.PatchJsonAsync($"/api/v1/customers/{created.Id()}", new { removeIdentityId = phone.Id() }).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(updated.GetProperty("identities").EnumerateArray(), i => i.Str("kind") == "phone");
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{created.Id()}", new { addEmail = other }).ValidationProblem("addEmail");
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{created.Id()}", new { removeIdentityId = 987654321 }).ValidationProblem("removeIdentityId");
    }

    [Fact]
    public async Task Patch_Invalid_Returns400()
    {
        var id = (await CreateAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{id}", new { nmae = "typo" }).ValidationProblem("nmae");
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{id}", new { addEmail = "nope" }).ValidationProblem("addEmail");
        await f.Admin.PatchRawAsync($"/api/v1/customers/{id}", """{"isVip": "yes"}""").ValidationProblem("isVip");
        await f.Admin.PatchJsonAsync("/api/v1/customers/987654321", new { name = "x" }).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_WithStaleVersion_Returns409()
    {
        var created = await CreateAsync();
        var version = created.GetProperty("version").GetInt32();
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{created.Id()}", new { name = "First", version }).ShouldBe(HttpStatusCode.OK);
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{created.Id()}", new { name = "Second", version }).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Customers_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        foreach (var url in new[] { "/api/v1/customers", "/api/v1/customers/1", "/api/v1/customers/1/tickets" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/customers", new { name = "x" })).StatusCode);
    }
}

public sealed class CustomerEndpointsTests_Sqlite(SqliteApp f) : CustomerEndpointsTests(f), IClassFixture<SqliteApp>;

public sealed class CustomerEndpointsTests_Postgres(PostgresApp f) : CustomerEndpointsTests(f), IClassFixture<PostgresApp>;
