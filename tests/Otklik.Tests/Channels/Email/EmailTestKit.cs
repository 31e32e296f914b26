using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

public sealed record TestMailbox(long Id, long InboxId, string Address, string Secret);

/// <summary>Mailboxes and hand-written raw mail for the email channel's tests.</summary>
public static class EmailTestKit
{
    public static async Task<TestMailbox> CreateMailboxAsync(this AppFixture f, object? settings = null)
    {
        var address = AppFixture.Unique("support") + "@otklik.test";
        var body = new Dictionary<string, object?> { ["name"] = "Support " + address, ["address"] = address, ["protocol"] = "none" };
        if (settings is not null)
            foreach (var p in JsonSerializer.SerializeToElement(settings).EnumerateObject()) body[p.Name] = p.Value;
        var created = await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", body).Json(HttpStatusCode.Created);
        return new TestMailbox(created.Id(), created.GetProperty("inboxId").GetInt64(), created.Str("address"), created.Str("pipeSecret"));
    }

    public static Task<HttpResponseMessage> PipeAsync(this AppFixture f, TestMailbox box, string raw, string? secret = null) =>
        PipeAsync(f, box, Encoding.UTF8.GetBytes(raw), secret);

    public static Task<HttpResponseMessage> PipeAsync(this AppFixture f, TestMailbox box, byte[] raw, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mail/inbound/{box.InboxId}") { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Otklik-Inbox-Secret", secret ?? box.Secret);
        return f.App.Anonymous().SendAsync(request);
    }

    /// <summary>A plain UTF-8 message; extra headers go first, as a relay would add them.</summary>
    public static string Mail(string from, string to, string subject, string body, string? messageId = null,
        string? inReplyTo = null, string? extraHeaders = null, string? cc = null) =>
        (extraHeaders is null ? "" : extraHeaders.TrimEnd() + "\r\n")
        + $"From: {from}\r\nTo: {to}\r\n" + (cc is null ? "" : $"Cc: {cc}\r\n")
        + $"Subject: {subject}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\n"
        + $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@customer.test"}>\r\n"
        + (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n")
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body + "\r\n";
}
