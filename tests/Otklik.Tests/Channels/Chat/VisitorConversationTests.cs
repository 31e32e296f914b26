using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Otklik.Channels.Chat;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>The conversation over the visitor hub: tickets, de-duplication, isolation between visitors, live replies.</summary>
public abstract class VisitorConversationTests(ChatApp f)
{
    private async Task<(string Key, long InboxId, string Token, HubConnection Hub)> VisitorAsync(string? key = null, long inboxId = 0)
    {
        if (key is null) (key, inboxId, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(key)).Str("token");
        return (key, inboxId, token, await f.ConnectAsync(key, token));
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task FirstMessage_OpensAChatTicket_LaterMessagesAppend()
    {
        var (key, inboxId, token, hub) = await VisitorAsync();
        await using var _ = hub;
        var first = await hub.InvokeAsync<WidgetMessage>("Send", NewId(), "Где мой заказ 1234?");
        var second = await hub.InvokeAsync<WidgetMessage>("Send", NewId(), "Оплатил вчера");

        var tickets = await f.Admin.GetAsync("/api/v1/tickets?limit=200").Json(HttpStatusCode.OK);
        var mine = tickets.GetProperty("items").EnumerateArray().Where(t => t.Str("subject") == "Где мой заказ 1234?").ToList();
        var summary = Assert.Single(mine);
        Assert.Equal("chat", summary.Str("channel"));
        var ticket = await f.GetTicketAsync(summary.Id());
        Assert.Equal(inboxId, ticket.GetProperty("inboxId").GetInt64());
        var bodies = ticket.GetProperty("messages").EnumerateArray().Select(m => m.Str("body")).ToList();
        Assert.Equal(["Где мой заказ 1234?", "Оплатил вчера"], bodies);
        Assert.Equal("visitor", first.From);
        Assert.True(second.Id > first.Id);
        // The customer carries the visitor identity.
        var customer = await f.Admin.GetAsync($"/api/v1/customers/{ticket.GetProperty("customer").Id()}").Json(HttpStatusCode.OK);
        Assert.Contains(customer.GetProperty("identities").EnumerateArray(), i => i.Str("kind") == "chatvisitor");
        // A reload (new session with the stored token) gets the conversation back.
        var resumed = await f.SessionAsync(key, token);
        Assert.Equal(2, resumed.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task SameClientId_StoresOneMessage_EvenWhenSentTogether()
    {
        var (_, _, _, hub) = await VisitorAsync();
        await using var _ = hub;
        var clientId = NewId();
        var sends = Enumerable.Range(0, 4).Select(_ => hub.InvokeAsync<WidgetMessage>("Send", clientId, "Повтор после обрыва связи")).ToList();
        var answers = await Task.WhenAll(sends);
        Assert.Single(answers.Select(a => a.Id).Distinct());
        var again = await hub.InvokeAsync<WidgetMessage>("Send", clientId, "Повтор после обрыва связи");
        Assert.Equal(answers[0].Id, again.Id);
        var history = await hub.InvokeAsync<List<WidgetMessage>>("History");
        Assert.Single(history);
        Assert.Equal(clientId, history[0].ClientId);
    }

    [Fact]
    public async Task AgentReply_ReachesTheVisitorLive_AndNotAnotherVisitor()
    {
        var (key, inboxId, _, alice) = await VisitorAsync();
        var (_, _, _, bob) = await VisitorAsync(key, inboxId);
        await using var a = alice;
        await using var b = bob;
        var toAlice = new ConcurrentQueue<WidgetMessage>();
        var toBob = new ConcurrentQueue<WidgetMessage>();
        alice.On<WidgetMessage>("message", m => toAlice.Enqueue(m));
        bob.On<WidgetMessage>("message", m => toBob.Enqueue(m));
        var sent = await alice.InvokeAsync<WidgetMessage>("Send", NewId(), "Alice needs help");
        await bob.InvokeAsync<WidgetMessage>("Send", NewId(), "Bob needs help");

        var ticketId = await TicketOfAsync(sent.Id);
        var text = "Hello Alice, see https://shop.example/help " + NewId();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = text }).ShouldBe(HttpStatusCode.Created);

        var reply = await ChatApp.WaitAsync(toAlice, m => m.Text == text);
        Assert.Equal("agent", reply.From);
        Assert.Equal("Administrator", reply.Author);
        await Task.Delay(300);
        Assert.DoesNotContain(toBob, m => m.Text == text);
        Assert.DoesNotContain(await bob.InvokeAsync<List<WidgetMessage>>("History"), m => m.Text == text || m.Text == "Alice needs help");

        // The widget confirms it showed the reply: the agent sees it delivered.
        await alice.InvokeAsync("Delivered", reply.Id);
        var ticket = await f.GetTicketAsync(ticketId);
        Assert.Equal("delivered", ticket.GetProperty("messages").EnumerateArray().Single(m => m.Id() == reply.Id).Str("deliveryStatus"));
        // Internal notes never reach the widget.
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "note " + text, @internal = true }).ShouldBe(HttpStatusCode.Created);
        await Task.Delay(300);
        Assert.DoesNotContain(toAlice, m => m.Text.StartsWith("note "));
        Assert.DoesNotContain(await alice.InvokeAsync<List<WidgetMessage>>("History"), m => m.Text.StartsWith("note "));
    }

    [Fact]
    public async Task VisitorA_CannotReadOrWriteVisitorBsConversation()
    {
        var (key, inboxId, tokenA, alice) = await VisitorAsync();
        var (_, _, tokenB, bob) = await VisitorAsync(key, inboxId);
        await using var a = alice;
        await using var b = bob;
        var bobsMessage = await bob.InvokeAsync<WidgetMessage>("Send", NewId(), "Bob's secret order 777");
        // Bob's file: Alice may not download it by id.
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("bob's receipt"u8.ToArray()), "file", "receipt.txt" }, { new StringContent(NewId()), "clientId" } };
        using var client = f.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/files") { Content = upload };
        request.Headers.Add("X-Otklik-Visitor", tokenB);
        var file = await client.SendAsync(request).Json(HttpStatusCode.OK);
        var fileId = file.GetProperty("files")[0].Id();
        Assert.Equal(HttpStatusCode.OK, (await f.DownloadAsync(key, fileId, tokenB)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.DownloadAsync(key, fileId, tokenA)).StatusCode);

        // Alice's sends land on her own ticket whatever id she uses; a client id Bob used is hers to use too.
        var aliceMessage = await alice.InvokeAsync<WidgetMessage>("Send", bobsMessage.ClientId!, "Alice writes");
        Assert.NotEqual(bobsMessage.Id, aliceMessage.Id);
        Assert.NotEqual(await TicketOfAsync(bobsMessage.Id), await TicketOfAsync(aliceMessage.Id));
        Assert.DoesNotContain(await alice.InvokeAsync<List<WidgetMessage>>("History"), m => m.Text.Contains("777"));
        // Delivered marks for Bob's ticket's message ids change nothing on Bob's ticket.
        var bobTicket = await TicketOfAsync(bobsMessage.Id);
        var agentReply = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{bobTicket}/messages", new { body = "for Bob" }).Json(HttpStatusCode.Created);
        await alice.InvokeAsync("Delivered", agentReply.GetProperty("message").Id());
        var ticket = await f.GetTicketAsync(bobTicket);
        Assert.Equal("sent", ticket.GetProperty("messages").EnumerateArray().Single(m => m.Str("body") == "for Bob").Str("deliveryStatus"));
    }

    [Fact]
    public async Task Upload_RefusesUnsafeTypes_AndStoresImagesAsAttachments()
    {
        var (key, _, token, hub) = await VisitorAsync();
        await using var _ = hub;
        using var client = f.App.CreateClient();
        async Task<HttpResponseMessage> UploadAsync(string name, byte[] content)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name }, { new StringContent(NewId()), "clientId" } };
            var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/files") { Content = form };
            request.Headers.Add("X-Otklik-Visitor", token);
            request.Headers.Add("Origin", ChatApp.SiteOrigin);
            return await client.SendAsync(request);
        }
        var exe = await UploadAsync("setup.exe", [0x4d, 0x5a]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        Assert.Contains("setup.exe", (await exe.Json()).Str("detail"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await UploadAsync("big.pdf", new byte[WidgetUploads.FileLimit + 1])).StatusCode);
        var ok = await (await UploadAsync("photo.png", [0x89, 0x50, 0x4e, 0x47])).ShouldBe(HttpStatusCode.OK);
        var message = await ok.Json();
        Assert.Equal("photo.png", message.GetProperty("files")[0].Str("name"));
        var ticket = await f.GetTicketAsync(await TicketOfAsync(message.Id()));
        Assert.Equal("photo.png", ticket.GetProperty("messages")[0].GetProperty("attachments")[0].Str("fileName"));
    }

    [Fact]
    public async Task ContactEmail_JoinsTheKnownCustomer_SoHistoryIsOne()
    {
        var email = AppFixture.Unique() + "@customer.test";
        var earlier = await f.CreateTicketAsync(email: email, subject: "Earlier email ticket");
        var (_, _, _, hub) = await VisitorAsync();
        await using var _ = hub;
        var sent = await hub.InvokeAsync<WidgetMessage>("Send", NewId(), "Hi from the chat");
        var saved = await hub.InvokeAsync<VisitorContacts.Saved>("Contact", "Ivan", email.ToUpperInvariant(), null);
        Assert.Equal(email, saved.Email);
        var ticket = await f.GetTicketAsync(await TicketOfAsync(sent.Id));
        Assert.Equal(earlier.GetProperty("customer").Id(), ticket.GetProperty("customer").Id());
        var bad = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<VisitorContacts.Saved>("Contact", null, "not-an-email", null));
        Assert.Contains("email", bad.Message, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<long> TicketOfAsync(long messageId)
    {
        var tickets = await f.Admin.GetAsync("/api/v1/tickets?limit=200").Json(HttpStatusCode.OK);
        foreach (var t in tickets.GetProperty("items").EnumerateArray())
        {
            var details = await f.GetTicketAsync(t.Id());
            if (details.GetProperty("messages").EnumerateArray().Any(m => m.Id() == messageId)) return t.Id();
        }
        throw new InvalidOperationException($"No ticket holds message {messageId}.");
    }
}

public sealed class VisitorConversationTests_Sqlite(SqliteChatApp f) : VisitorConversationTests(f), IClassFixture<SqliteChatApp>;

public sealed class VisitorConversationTests_Postgres(PostgresChatApp f) : VisitorConversationTests(f), IClassFixture<PostgresChatApp>;
