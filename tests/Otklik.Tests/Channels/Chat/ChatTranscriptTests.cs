using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Chat;
using Otklik.Domain;
using Otklik.Tests.Channels.Email;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>Ending a chat mails its transcript through the real Postfix and Dovecot to the customer's mailbox.</summary>
public abstract class ChatTranscriptTests(ChatApp f, MailServers mail)
{
    [MailFact]
    public async Task EndedChat_TranscriptArrives_InTheCustomersLanguageAndTimeZone_WithFilesByName_WithoutNotes()
    {
        var (_, mailInboxId, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail, new { autoAcknowledge = false });
        var (key, _, widgetId) = await f.CreateWidgetAsync();
        await f.Admin.PutAsJsonAsync($"/api/v1/admin/chat-widgets/{widgetId}",
            new { name = "Shop chat " + AppFixture.Unique(), allowedOrigins = new[] { ChatApp.SiteOrigin }, emailInboxId = mailInboxId }).ShouldBe(HttpStatusCode.OK);
        var customer = mail.NewUser();

        using var http = f.App.CreateClient();
        var request = f.SessionRequest(key);
        request.Content = JsonContent.Create(new { language = "ru-RU", timeZone = "Asia/Vladivostok", page = "https://shop.example/orders" });
        var token = (await http.SendAsync(request).Json(HttpStatusCode.OK)).Str("token");
        await using var hub = await f.ConnectAsync(key, token);
        await hub.InvokeAsync<VisitorContacts.Saved>("Contact", "Ольга", customer.Address, null);
        var first = await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Где мой заказ 1234?");
        var ticketId = await f.TicketOfMessageAsync(first.Id);

        var (anna, annaId) = await f.CreateAgentAsync();
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{annaId}", new { name = "Анна Петрова" }).ShouldBe(HttpStatusCode.OK);
        var upload = new MultipartFormDataContent { { new ByteArrayContent("act"u8.ToArray()), "file", "акт возврата.txt" } };
        var file = await anna.PostAsync("/api/v1/attachments", upload).Json(HttpStatusCode.Created);
        await anna.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Отправили сегодня, трек в акте.", attachmentIds = new[] { file.Id() } })
            .ShouldBe(HttpStatusCode.Created);
        await anna.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Секретная заметка для коллег", @internal = true }).ShouldBe(HttpStatusCode.Created);
        await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Спасибо!");

        await anna.PostAsync($"/api/v1/tickets/{ticketId}/chat/end", null).ShouldBe(HttpStatusCode.NoContent);

        var received = await mail.WaitForMessagesAsync(customer, 1, RealMailKit.Wait);
        var transcript = Assert.Single(received, m => m.Subject?.Contains("Переписка в чате") == true);
        Assert.Contains($"[#{ticketId}]", transcript.Subject);
        Assert.Equal(support.Address, transcript.From.Mailboxes.Single().Address);
        var times = await f.DbAsync(db => db.Messages.Where(m => m.TicketId == ticketId && m.Kind != MessageKind.Note).OrderBy(m => m.Id)
            .Select(m => m.CreatedAt).ToListAsync());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Vladivostok");
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("HH:mm");
        var body = transcript.TextBody;
        Assert.Contains("Это запись вашего чата", body);
        Assert.Contains("Asia/Vladivostok, UTC+10:00", body);
        Assert.Contains($"[{Local(times[0])}] Вы: Где мой заказ 1234?", body);
        Assert.Contains($"[{Local(times[1])}] Анна: Отправили сегодня, трек в акте.", body);
        Assert.Contains("Файлы: акт возврата.txt", body);
        Assert.Contains($"[{Local(times[2])}] Вы: Спасибо!", body);
        Assert.DoesNotContain("Секретная заметка", body);

        var timeline = (await f.GetTicketAsync(ticketId)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.Str("kind") == "chat_ended");
        Assert.Contains(timeline, e => e.Str("kind") == "notice_sent" && e.Str("field") == "chat_transcript" && e.Str("newValue") == customer.Address);
    }
}

public sealed class ChatTranscriptTests_Sqlite(SqliteChatApp f, MailServers mail) : ChatTranscriptTests(f, mail), IClassFixture<SqliteChatApp>, IClassFixture<MailServers>;

public sealed class ChatTranscriptTests_Postgres(PostgresChatApp f, MailServers mail) : ChatTranscriptTests(f, mail), IClassFixture<PostgresChatApp>, IClassFixture<MailServers>;

/// <summary>The transcript's words without servers: English, a day change, the default zone.</summary>
public sealed class ChatTranscriptTextTests
{
    [Fact]
    public void English_ShowsTheDayChange_AndUtcWhenTheZoneIsUnknown()
    {
        var lines = new List<TranscriptLine>
        {
            new(true, null, new DateTime(2026, 11, 30, 23, 58, 0, DateTimeKind.Utc), "Hi, is my order shipped?", []),
            new(false, "Anna", new DateTime(2026, 12, 1, 0, 3, 0, DateTimeKind.Utc), "Yes,\nthis morning.", ["label.pdf", "photo.png"]),
        };
        var text = ChatTranscriptText.Body("Shop", 42, lines, ChatTranscriptText.Zone("No/Such_Zone"), russian: false);
        Assert.Contains("on 30 November 2026 (times are UTC, UTC+00:00)", text);
        Assert.Contains("[23:58] You: Hi, is my order shipped?", text);
        Assert.Contains("— 1 December 2026 —\n[00:03] Anna: Yes,\n    this morning.", text);
        Assert.Contains("Files: label.pdf, photo.png", text);
        Assert.Contains("Your request number is 42", text);
        Assert.Equal("Your chat transcript [#42]", ChatTranscriptText.Subject(42, russian: false));
    }
}
