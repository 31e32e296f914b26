using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.WebForms;

/// <summary>An app where public pages are not rate-limited (each test posts a lot) and a form may be sent after one second.</summary>
public static class FormsKit
{
    public const double FillSeconds = 1;

    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Otklik:RateLimits:PublicPerMinute"] = "100000",
        ["Otklik:WebForms:MinimumFillSeconds"] = FillSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A new inbox with its form switched on with these settings; returns the inbox id and the public key.</summary>
    public static async Task<(long InboxId, string Key)> CreateFormAsync(AppFixture f, object? settings = null, string channel = "webform", long? teamId = null)
    {
        var inbox = await f.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = AppFixture.Unique("Site "), channel, defaultTeamId = teamId })
            .Json(HttpStatusCode.Created);
        return (inbox.Id(), await EnableAsync(f, inbox.Id(), settings));
    }

    public static async Task<string> EnableAsync(AppFixture f, long inboxId, object? settings = null)
    {
        var saved = await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", settings ?? new { isEnabled = true, callbackEnabled = true })
            .Json(HttpStatusCode.OK);
        return saved.Str("key");
    }

    public static async Task<string> CreateFieldAsync(AppFixture f, string type, string[]? options = null)
    {
        var key = AppFixture.Unique("f");
        await f.Admin.PostAsJsonAsync("/api/v1/custom-fields", new { key, label = "Label " + key, type, options }).ShouldBe(HttpStatusCode.Created);
        return key;
    }

    /// <summary>A form token old enough to pass the time-to-fill check.</summary>
    public static async Task<string> AgedTokenAsync(HttpClient visitor, string key)
    {
        var token = await FreshTokenAsync(visitor, key);
        await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));
        return token;
    }

    public static async Task<string> FreshTokenAsync(HttpClient visitor, string key) =>
        (await visitor.GetAsync($"/api/v1/forms/{key}").Json(HttpStatusCode.OK)).Str("formToken");

    /// <summary>The form token inside a hosted page.</summary>
    public static string TokenIn(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"formToken\" value=\"([^\"]+)\"").Groups[1].Value);

    public static HttpClient Visitor(AppFixture f, string? language = null)
    {
        var client = f.App.Anonymous();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static async Task<T> DbAsync<T>(AppFixture f, Func<OtklikDb, Task<T>> work)
    {
        using var scope = f.App.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<OtklikDb>());
    }

    public static async Task<JsonElement[]> CustomerTicketsAsync(AppFixture f, long customerId) =>
        (await f.Admin.GetAsync($"/api/v1/customers/{customerId}/tickets").Json(HttpStatusCode.OK)).EnumerateArray().ToArray();
}

public sealed class FormsSqliteApp() : AppFixture(DbProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> Overrides => FormsKit.Settings;
}

public sealed class FormsPostgresApp() : AppFixture(DbProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> Overrides => FormsKit.Settings;
}
