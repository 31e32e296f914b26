using System.Net;
using System.Net.Http.Headers;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

public abstract class UploadLinkTests(AppFixture f)
{
    private static MultipartFormDataContent File(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", name);
        return form;
    }

    [Fact]
    public async Task UploadLink_LetsTheCustomerAddAFileOnce()
    {
        var ticket = await f.CreateTicketAsync();
        var link = await f.Admin.PostAsync($"/api/v1/tickets/{ticket.Id()}/upload-links", null).Json(HttpStatusCode.Created);
        var path = new Uri(link.Str("url")).PathAndQuery;
        var visitor = f.App.Anonymous();
        visitor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var page = await visitor.GetAsync(path).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("Загрузка файлов", await page.Content.ReadAsStringAsync());

        var done = await visitor.PostAsync(path, File("договор <1>.pdf", [1, 2, 3, 4])).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("договор &lt;1&gt;.pdf", await done.Content.ReadAsStringAsync());
        var after = await f.GetTicketAsync(ticket.Id());
        var last = after.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal("customer", last.Str("authorKind"));
        Assert.Equal("договор <1>.pdf", last.GetProperty("attachments")[0].Str("fileName"));
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "files_uploaded");

        await visitor.PostAsync(path, File("again.pdf", [5])).ShouldBe(HttpStatusCode.Gone);
        await visitor.GetAsync(path).ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task UploadLink_ForgedToken_IsGone_AndAgentsNeedAccess()
    {
        await f.App.Anonymous().GetAsync("/upload/" + new string('a', 43)).ShouldBe(HttpStatusCode.Gone);
        var team = await f.CreateTeamAsync();
        var ticket = await f.CreateTicketAsync(teamId: team);
        var (outsider, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        await outsider.PostAsync($"/api/v1/tickets/{ticket.Id()}/upload-links", null).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class UploadLinkTests_Sqlite(SqliteApp f) : UploadLinkTests(f), IClassFixture<SqliteApp>;

public sealed class UploadLinkTests_Postgres(PostgresApp f) : UploadLinkTests(f), IClassFixture<PostgresApp>;
