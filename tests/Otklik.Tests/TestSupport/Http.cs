using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Otklik.Tests.TestSupport;

public static class Http
{
    /// <summary>Asserts the status, showing the body when it differs: a bare "expected 201, got 400" helps nobody.</summary>
    public static async Task<HttpResponseMessage> ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}.\n{body}");
        }
        return response;
    }

    public static async Task<HttpResponseMessage> ShouldBe(this Task<HttpResponseMessage> response, HttpStatusCode expected) =>
        await (await response).ShouldBe(expected);

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Status and body in one step.</summary>
    public static async Task<JsonElement> Json(this Task<HttpResponseMessage> response, HttpStatusCode expected) =>
        await (await (await response).ShouldBe(expected)).Json();

    /// <summary>Asserts a ProblemDetails body with this status; returns it for further checks.</summary>
    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> pending, HttpStatusCode expected)
    {
        var response = await (await pending).ShouldBe(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Json();
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>A validation ProblemDetails that names the field.</summary>
    public static async Task<JsonElement> ValidationProblem(this Task<HttpResponseMessage> pending, string field)
    {
        var body = await pending.Problem(HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}', got: {errors}");
        return body;
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchRawAsync(this HttpClient client, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static long Id(this JsonElement e) => e.GetProperty("id").GetInt64();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
