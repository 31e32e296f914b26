using System.Net;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Admin;

/// <summary>Values of custom fields on tickets are checked against each field's type.</summary>
public abstract class CustomFieldValuesTests(AppFixture f)
{
    private async Task<string> FieldAsync(string type)
    {
        var key = type + "_" + Guid.NewGuid().ToString("N")[..8];
        await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key, label = key, type }).ShouldBe(HttpStatusCode.Created);
        return key;
    }

    private Task<HttpResponseMessage> CreateWith(string key, string valueJson)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["subject"] = "Fields",
            ["customer"] = new System.Text.Json.Nodes.JsonObject { ["email"] = AppFixture.Unique() + "@c.test" },
            ["message"] = new System.Text.Json.Nodes.JsonObject { ["body"] = "b" },
            ["customFields"] = new System.Text.Json.Nodes.JsonObject { [key] = System.Text.Json.Nodes.JsonNode.Parse(valueJson) },
        };
        return f.Admin.PostRawAsync("/api/v1/tickets", body.ToJsonString());
    }

    [Theory]
    [InlineData("number", "42.5")]
    [InlineData("checkbox", "true")]
    [InlineData("date", "\"2026-03-01\"")]
    [InlineData("text", "\"Заказ 123\"")]
    public async Task Create_WithValueOfTheRightType_StoresIt(string type, string valueJson)
    {
        var key = await FieldAsync(type);
        var ticket = await CreateWith(key, valueJson).Json(HttpStatusCode.Created);
        var stored = (await f.GetTicketAsync(ticket.Id())).GetProperty("customFields").GetProperty(key);
        Assert.Equal(JsonDocument.Parse(valueJson).RootElement.GetRawText(), stored.GetRawText());
    }

    [Theory]
    [InlineData("number", "\"42\"")]
    [InlineData("checkbox", "\"yes\"")]
    [InlineData("date", "\"01.03.2026\"")]
    [InlineData("text", "17")]
    public async Task Create_WithValueOfTheWrongType_Returns400(string type, string valueJson)
    {
        var key = await FieldAsync(type);
        await CreateWith(key, valueJson).ValidationProblem($"customFields.{key}");
    }

    [Fact]
    public async Task Create_WithUnknownOrInactiveField_Returns400()
    {
        await CreateWith("no_such_field", "1").ValidationProblem("customFields.no_such_field");
        var key = await FieldAsync("number");
        var id = (await f.Admin.GetAsync("/api/v1/custom-fields").Json(HttpStatusCode.OK)).EnumerateArray().Single(x => x.Str("key") == key).Id();
        await f.Admin.PutAsJsonAsync($"/api/v1/custom-fields/{id}", new { label = "Off", isActive = false }).ShouldBe(HttpStatusCode.OK);
        await CreateWith(key, "1").ValidationProblem($"customFields.{key}");
    }

    [Fact]
    public async Task Patch_WithNull_ClearsTheValue_AndRecordsIt()
    {
        var key = await FieldAsync("number");
        var id = (await CreateWith(key, "7").Json(HttpStatusCode.Created)).Id();
        var updated = await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { customFields = new Dictionary<string, object?> { [key] = null } }).Json(HttpStatusCode.OK);
        Assert.False(updated.GetProperty("customFields").TryGetProperty(key, out _));
        Assert.Contains(updated.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("field").GetString() == "field:" + key);
    }
}

public sealed class CustomFieldValuesTests_Sqlite(SqliteApp f) : CustomFieldValuesTests(f), IClassFixture<SqliteApp>;

public sealed class CustomFieldValuesTests_Postgres(PostgresApp f) : CustomFieldValuesTests(f), IClassFixture<PostgresApp>;
