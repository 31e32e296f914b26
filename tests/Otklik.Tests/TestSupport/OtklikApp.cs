using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Otklik.Tests.TestSupport;

/// <summary>The real app over HTTP, on a given test database, with test-friendly settings.</summary>
public sealed class OtklikApp(TestDatabase database, IReadOnlyDictionary<string, string>? overrides = null,
    Action<IServiceCollection>? testServices = null) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-password-1";

    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string>
        {
            ["Otklik:Admin:Email"] = AdminEmail,
            ["Otklik:Admin:Password"] = AdminPassword,
            ["Otklik:RateLimits:ApiPerMinute"] = "100000",
            ["Otklik:RateLimits:SignInPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in database.Settings) settings[k] = v;
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>()) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        if (testServices is not null) builder.ConfigureTestServices(testServices);
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> IssueTokenAsync(string email, string password)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password, name = "tests" });
        await response.ShouldBe(System.Net.HttpStatusCode.Created);
        var body = await response.Json();
        return body.GetProperty("token").GetString()!;
    }

    public async Task<HttpClient> SignInAsync(string email, string password) => WithToken(await IssueTokenAsync(email, password));
}
