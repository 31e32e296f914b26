using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>The widget's file downloads: the visitor token never travels in a URL, and only the widget's sites get the file.</summary>
public abstract class WidgetUploadsTests(ChatApp f)
{
    private async Task<(string Key, string Token, long FileId)> VisitorWithFileAsync()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(key)).Str("token");
        using var client = f.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/files")
        {
            Content = new MultipartFormDataContent
            {
                { new ByteArrayContent("receipt 4412"u8.ToArray()), "file", "receipt.txt" }, { new StringContent(Guid.NewGuid().ToString("N")), "clientId" },
            },
        };
        request.Headers.Add("X-Otklik-Visitor", token);
        request.Headers.Add("Origin", ChatApp.SiteOrigin);
        var sent = await client.SendAsync(request).Json(HttpStatusCode.OK);
        return (key, token, sent.GetProperty("files")[0].Id());
    }

    [Fact]
    public async Task Download_WithTheTokenInTheHeader_GivesTheFile_UncachedAndOnlyToTheSite()
    {
        var (key, token, fileId) = await VisitorWithFileAsync();

        var ok = await f.DownloadAsync(key, fileId, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("receipt 4412", await ok.Content.ReadAsStringAsync());
        Assert.Equal(ChatApp.SiteOrigin, ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(ok.Headers.CacheControl?.NoStore, "A download answered by a header must not be cached for the next visitor.");

        var otherSite = await f.DownloadAsync(key, fileId, token, origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, otherSite.StatusCode);
        Assert.False(otherSite.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Download_WithTheTokenInTheUrl_IsRefused()
    {
        var (key, token, fileId) = await VisitorWithFileAsync();
        using var client = f.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/widget/api/{key}/files/{fileId}?visitor={Uri.EscapeDataString(token)}");
        request.Headers.Add("Origin", ChatApp.SiteOrigin);

        // A URL with the token ends up in access logs, proxies and Referer headers: it must open nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Widget_NeverPutsTheTokenIntoAFileUrl()
    {
        using var client = f.App.CreateClient();
        var script = await client.GetStringAsync("/widget.js");

        Assert.DoesNotContain("?visitor=", script);
        Assert.Contains("\"X-Otklik-Visitor\": state.token", script);
    }
}

public sealed class WidgetUploadsTests_Sqlite(SqliteChatApp f) : WidgetUploadsTests(f), IClassFixture<SqliteChatApp>;

public sealed class WidgetUploadsTests_Postgres(PostgresChatApp f) : WidgetUploadsTests(f), IClassFixture<PostgresChatApp>;
