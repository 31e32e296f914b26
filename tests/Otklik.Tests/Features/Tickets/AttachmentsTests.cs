using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class AttachmentsTests(AppFixture f)
{
    private static async Task<long> UploadAsync(HttpClient client, byte[] bytes, string name, string type = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        var uploaded = await client.PostAsync("/api/v1/attachments", form).Json(HttpStatusCode.Created);
        Assert.Equal(bytes.Length, uploaded.GetProperty("size").GetInt64());
        return uploaded.Id();
    }

    [Fact]
    public async Task Upload_AttachToReply_DownloadsTheSameBytes()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var fileId = await UploadAsync(f.Admin, bytes, "../../etc/счёт.pdf");
        var id = (await f.CreateTicketAsync()).Id();
        var added = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Invoice attached", attachmentIds = new[] { fileId } })
            .Json(HttpStatusCode.Created);
        var attachment = added.GetProperty("message").GetProperty("attachments")[0];
        Assert.Equal("счёт.pdf", attachment.Str("fileName"));

        var download = await f.Admin.GetAsync($"/api/v1/attachments/{fileId}").ShouldBe(HttpStatusCode.OK);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Attachment_OnAnotherTeamsTicket_IsNotFoundForAnAgent()
    {
        var team = await f.CreateTeamAsync();
        var (outsider, _) = await f.CreateAgentAsync();
        var fileId = await UploadAsync(f.Admin, [1, 2, 3], "secret.txt", "text/plain");
        var id = (await f.CreateTicketAsync(teamId: team)).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "x", @internal = true, attachmentIds = new[] { fileId } })
            .ShouldBe(HttpStatusCode.Created);
        await outsider.GetAsync($"/api/v1/attachments/{fileId}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AttachingSomeoneElsesUpload_IsRefused()
    {
        var (agent, _) = await f.CreateAgentAsync();
        var theirs = await UploadAsync(agent, [9, 9, 9], "theirs.bin");
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "x", attachmentIds = new[] { theirs } })
            .ValidationProblem("attachmentIds");
    }

    [Fact]
    public async Task Upload_WithoutFile_Returns400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("nothing"), "note" } };
        await f.Admin.PostAsync("/api/v1/attachments", form).ValidationProblem("file");
    }
}

public sealed class AttachmentsTests_Sqlite(SqliteApp f) : AttachmentsTests(f), IClassFixture<SqliteApp>;

public sealed class AttachmentsTests_Postgres(PostgresApp f) : AttachmentsTests(f), IClassFixture<PostgresApp>;
