using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

public abstract class InboundPipeTests(AppFixture f)
{
    private static string Customer() => AppFixture.Unique("anna") + "@customer.test";

    private async Task<long> TicketOfAsync(HttpResponseMessage response)
    {
        var body = await response.Json();
        Assert.True(body.Str("outcome") == "ticket", body.ToString());
        return body.GetProperty("ticketId").GetInt64();
    }

    [Fact]
    public async Task Pipe_NewMail_CreatesTicketForTheSender()
    {
        var box = await f.CreateMailboxAsync();
        var from = Customer();
        var response = await f.PipeAsync(box, EmailTestKit.Mail($"Анна Петрова <{from}>", box.Address, "Не приходит заказ", "Здравствуйте! Заказ 4512 не пришёл."))
            .ShouldBe(HttpStatusCode.Accepted);
        var ticket = await f.GetTicketAsync(await TicketOfAsync(response));
        Assert.Equal("Не приходит заказ", ticket.Str("subject"));
        Assert.Equal("email", ticket.Str("channel"));
        var message = ticket.GetProperty("messages")[0];
        Assert.Contains("Заказ 4512", message.Str("body"));
        Assert.Equal("Анна Петрова", message.GetProperty("author").Str("name"));
        Assert.Contains(from, message.GetProperty("email").Str("from"));
    }

    [Fact]
    public async Task Pipe_SameMessageDeliveredTwice_BecomesOneMessage()
    {
        var box = await f.CreateMailboxAsync();
        var id = Guid.NewGuid().ToString("N") + "@customer.test";
        var mail = EmailTestKit.Mail(Customer(), box.Address, "Twice", "Same content", messageId: id);
        var first = await TicketOfAsync(await f.PipeAsync(box, "Received: from a.example by mx1; Mon, 23 Nov 2026 10:00:01 +0300\r\n" + mail).ShouldBe(HttpStatusCode.Accepted));
        var second = await f.PipeAsync(box, "Received: from b.example by mx2; Mon, 23 Nov 2026 10:00:05 +0300\r\n" + mail).Json(HttpStatusCode.OK);
        Assert.Equal("duplicate", second.Str("outcome"));
        Assert.Equal(1, (await f.GetTicketAsync(first)).GetProperty("messages").GetArrayLength());
        // Same Message-ID but different content is a different message, not a duplicate.
        var changed = EmailTestKit.Mail(Customer(), box.Address, "Twice", "Other content", messageId: id);
        await f.PipeAsync(box, changed).ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Pipe_WrongSecretOrUnknownInbox_Is401_AndStoresNothing()
    {
        var box = await f.CreateMailboxAsync();
        var subject = "Secret " + AppFixture.Unique();
        await f.PipeAsync(box, EmailTestKit.Mail(Customer(), box.Address, subject, "x"), secret: "wrong").Problem(HttpStatusCode.Unauthorized);
        await f.PipeAsync(box with { InboxId = 987654 }, EmailTestKit.Mail(Customer(), box.Address, subject, "x")).Problem(HttpStatusCode.Unauthorized);
        await f.PipeAsync(box, "", box.Secret).Problem(HttpStatusCode.BadRequest);
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        Assert.False(await db.InboundEmails.AnyAsync(x => x.Subject == subject));
    }

    [Fact]
    public async Task Pipe_ReplyWithInReplyTo_ThreadsOntoTheTicket_AndReopensIt()
    {
        var box = await f.CreateMailboxAsync();
        var from = Customer();
        var firstId = Guid.NewGuid().ToString("N") + "@customer.test";
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, EmailTestKit.Mail(from, box.Address, "Printer", "It is broken", firstId)));
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{ticketId}", new { status = "solved" }).ShouldBe(HttpStatusCode.OK);

        var reply = EmailTestKit.Mail(from, box.Address, "Re: Printer", "Still broken", inReplyTo: firstId);
        Assert.Equal(ticketId, await TicketOfAsync(await f.PipeAsync(box, reply)));
        var ticket = await f.GetTicketAsync(ticketId);
        Assert.Equal(2, ticket.GetProperty("messages").GetArrayLength());
        Assert.Equal("open", ticket.Str("status"));
    }

    [Fact]
    public async Task Pipe_RepliesToOneTicketAtTheSameMoment_AllLandOnIt()
    {
        var box = await f.CreateMailboxAsync();
        var from = Customer();
        var firstId = Guid.NewGuid().ToString("N") + "@customer.test";
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, EmailTestKit.Mail(from, box.Address, "Busy thread", "start", firstId)));
        var replies = await Task.WhenAll(Enumerable.Range(1, 8).Select(n =>
            f.PipeAsync(box, EmailTestKit.Mail(from, box.Address, "Re: Busy thread", $"reply {n}", inReplyTo: firstId))));
        foreach (var reply in replies) Assert.Equal(ticketId, await TicketOfAsync(reply));
        Assert.Equal(9, (await f.GetTicketAsync(ticketId)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Pipe_SubjectToken_ThreadsForKnownSenders_NotForStrangers()
    {
        var box = await f.CreateMailboxAsync();
        var from = Customer();
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, EmailTestKit.Mail(from, box.Address, "Invoice", "Please resend")));
        var known = EmailTestKit.Mail(from, box.Address, $"Re: Invoice [#{ticketId}]", "Any news?");
        Assert.Equal(ticketId, await TicketOfAsync(await f.PipeAsync(box, known)));
        var stranger = EmailTestKit.Mail(Customer(), box.Address, $"Re: Invoice [#{ticketId}]", "Let me in");
        Assert.NotEqual(ticketId, await TicketOfAsync(await f.PipeAsync(box, stranger)));
    }

    [Fact]
    public async Task Pipe_CopiedPeople_BecomeParticipants()
    {
        var box = await f.CreateMailboxAsync();
        var colleague = Customer();
        var ticketId = await TicketOfAsync(await f.PipeAsync(box,
            EmailTestKit.Mail(Customer(), $"{box.Address}", "Team request", "cc my colleague", cc: $"Boris <{colleague}>, {box.Address}")));
        var participants = (await f.GetTicketAsync(ticketId)).GetProperty("participants");
        Assert.Single(participants.EnumerateArray(), p => p.ToString().Contains(colleague));
    }

    [Fact]
    public async Task Pipe_MailWithoutSender_IsQuarantined_ThenConvertedByAdmin()
    {
        var box = await f.CreateMailboxAsync();
        var raw = "To: " + box.Address + "\r\nSubject: Nobody wrote this\r\nMessage-ID: <" + Guid.NewGuid().ToString("N") + "@x>\r\n\r\nOrphan body\r\n";
        var stored = await f.PipeAsync(box, raw).Json(HttpStatusCode.Accepted);
        Assert.Equal("quarantined", stored.Str("outcome"));
        var id = stored.GetProperty("inboundEmailId").GetInt64();

        var list = await f.Admin.GetAsync($"/api/v1/admin/inbound-emails?status=quarantined&inboxId={box.InboxId}").Json(HttpStatusCode.OK);
        var row = list.EnumerateArray().Single(x => x.Id() == id);
        Assert.Equal("The message has no usable sender address (From).", row.Str("error"));
        Assert.Equal("The message has no usable sender address (From).", stored.Str("detail"));
        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/inbound-emails?status=quarantined&inboxId={box.InboxId}");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var rowRu = (await f.Admin.SendAsync(russian).Json(HttpStatusCode.OK)).EnumerateArray().Single(x => x.Id() == id);
        Assert.Equal("В письме нет пригодного адреса отправителя (From).", rowRu.Str("error"));
        var eml = await f.Admin.GetAsync($"/api/v1/admin/inbound-emails/{id}/raw").ShouldBe(HttpStatusCode.OK);
        Assert.Equal(raw, await eml.Content.ReadAsStringAsync());

        await f.Admin.PostAsJsonAsync($"/api/v1/admin/inbound-emails/{id}/convert", new { }).ValidationProblem("customerEmail");
        var converted = await f.Admin.PostAsJsonAsync($"/api/v1/admin/inbound-emails/{id}/convert", new { customerEmail = Customer() }).Json(HttpStatusCode.OK);
        Assert.Equal("processed", converted.Str("status"));
        Assert.StartsWith("Converted to a ticket by agent ", converted.Str("error"));
        Assert.EndsWith("Was: The message has no usable sender address (From).", converted.Str("error"));
        var ticket = await f.GetTicketAsync(converted.GetProperty("ticketId").GetInt64());
        Assert.Contains(ticket.GetProperty("messages")[0].GetProperty("attachments").EnumerateArray(), a => a.Str("fileName").EndsWith(".eml"));
        var (agent, _) = await f.CreateAgentAsync("supervisor");
        await agent.GetAsync($"/api/v1/admin/inbound-emails?status=quarantined").Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Pipe_Bounce_MarksTheReplyFailedOnTheTimeline()
    {
        // SMTP that nobody listens on: the reply stays pending, which is all this test needs.
        var box = await f.CreateMailboxAsync(new { smtpHost = "127.0.0.1", smtpPort = 9, smtpSecurity = "none" });
        var from = Customer();
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, EmailTestKit.Mail(from, box.Address, "Bounce me", "hi")));
        var added = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Our answer" }).Json(HttpStatusCode.Created);
        Assert.Equal("pending", added.GetProperty("message").Str("deliveryStatus"));
        string sentId;
        using (var scope = f.App.Services.CreateScope())
            sentId = (await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages.SingleAsync(m => m.Id == added.GetProperty("message").Id())).ExternalId!;

        var dsn = $"From: MAILER-DAEMON@otklik.test\r\nTo: {box.Address}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                  + $"Message-ID: <{Guid.NewGuid():N}@otklik.test>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                  + "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail system could not deliver your message.\r\n"
                  + $"--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.otklik.test\r\n\r\nFinal-Recipient: rfc822; {from}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
                  + $"--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <{sentId}>\r\nSubject: Re: Bounce me\r\n--b1--\r\n";
        var result = await f.PipeAsync(box, dsn).Json(HttpStatusCode.Accepted);
        Assert.Equal("ignored", result.Str("outcome"));
        var ticket = await f.GetTicketAsync(ticketId);
        Assert.Equal(2, ticket.GetProperty("messages").GetArrayLength()); // no new message, no new ticket
        var reply = ticket.GetProperty("messages").EnumerateArray().Single(m => m.Id() == added.GetProperty("message").Id());
        Assert.Equal("failed", reply.Str("deliveryStatus"));
        Assert.Contains("User unknown", reply.GetProperty("email").Str("deliveryError"));
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "delivery_failed");
    }

    [Fact]
    public async Task Pipe_AutoReply_GetsNoAcknowledgment_AndLoopsAreCut()
    {
        var box = await f.CreateMailboxAsync(new { smtpHost = "127.0.0.1", smtpPort = 9, autoAcknowledge = true });
        var person = await TicketOfAsync(await f.PipeAsync(box, EmailTestKit.Mail(Customer(), box.Address, "Real question", "hi")));
        var robot = Customer();
        var outcomes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var auto = EmailTestKit.Mail(robot, box.Address, "Automatic reply: away", "I am away", extraHeaders: "Auto-Submitted: auto-replied");
            outcomes.Add((await (await f.PipeAsync(box, auto)).Json()).Str("outcome"));
        }
        Assert.Equal(["ticket", "ticket", "ticket", "ticket", "ticket", "ignored"], outcomes);
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var notices = await db.Outbox.Where(o => o.Type == "email.notice").Select(o => o.Payload).ToListAsync();
        Assert.Contains(notices, p => p.Contains($"\"TicketId\":{person},"));
        var robotTickets = await db.Tickets.Where(t => t.Customer!.Identities.Any(i => i.Value == robot)).Select(t => t.Id).ToListAsync();
        Assert.All(robotTickets, id => Assert.DoesNotContain(notices, p => p.Contains($"\"TicketId\":{id},")));
        Assert.True(await db.TicketTags.AnyAsync(t => robotTickets.Contains(t.TicketId) && t.Name == "auto-reply"));
    }

    [Fact]
    public async Task Pipe_OversizedAttachment_IsRefusedWithNotice_TextKept()
    {
        var box = await f.CreateMailboxAsync(new { maxAttachmentBytes = 1000, smtpHost = "127.0.0.1", smtpPort = 9 });
        var big = Convert.ToBase64String(new byte[5000], Base64FormattingOptions.InsertLineBreaks);
        var raw = $"From: {Customer()}\r\nTo: {box.Address}\r\nSubject: Scan attached\r\nMessage-ID: <{Guid.NewGuid():N}@c>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the scan.\r\n"
                  + $"--m\r\nContent-Type: application/pdf; name=\"scan.pdf\"\r\nContent-Disposition: attachment; filename=\"scan.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{big}\r\n--m--\r\n";
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, raw));
        var message = (await f.GetTicketAsync(ticketId)).GetProperty("messages")[0];
        Assert.Contains("See the scan", message.Str("body"));
        Assert.Equal(0, message.GetProperty("attachments").GetArrayLength());
        Assert.Equal("File \"scan.pdf\" (4.9 KB) was refused: this inbox accepts files up to 1 KB.", message.GetProperty("email").Str("warning"));
        using var russianRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticketId}");
        russianRequest.Headers.AcceptLanguage.ParseAdd("ru-RU");
        var russian = (await f.Admin.SendAsync(russianRequest).Json(HttpStatusCode.OK)).GetProperty("messages")[0];
        Assert.Equal("Файл «scan.pdf» (4,9 КБ) не принят: этот адрес принимает файлы до 1 КБ.", russian.GetProperty("email").Str("warning"));
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        Assert.True(await db.Outbox.AnyAsync(o => o.Type == "email.notice" && o.Payload.Contains("files_refused") && o.Payload.Contains($"\"TicketId\":{ticketId},")));
    }

    [Fact]
    public async Task Pipe_FilesAndInlineImages_AreStoredAndDownloadable()
    {
        var box = await f.CreateMailboxAsync();
        byte[] pdf = [0x25, 0x50, 0x44, 0x46, 1, 2, 3], png = [0x89, 0x50, 0x4E, 0x47, 9, 9];
        var raw = $"From: {Customer()}\r\nTo: {box.Address}\r\nSubject: Files\r\nMessage-ID: <{Guid.NewGuid():N}@c>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n"
                  + "--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Look: <img src=\"cid:logo@x\"></p>\r\n"
                  + $"--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\n{Convert.ToBase64String(png)}\r\n--r--\r\n"
                  + "--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.pdf\r\n"
                  + $"Content-Transfer-Encoding: base64\r\n\r\n{Convert.ToBase64String(pdf)}\r\n--m--\r\n";
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, raw));
        var message = (await f.GetTicketAsync(ticketId)).GetProperty("messages")[0];
        var files = message.GetProperty("attachments").EnumerateArray().ToList();
        var document = files.Single(a => !a.GetProperty("inline").GetBoolean());
        Assert.Equal("договор.pdf", document.Str("fileName"));
        Assert.Equal(pdf.Length, document.GetProperty("size").GetInt64());
        Assert.Equal(pdf, await (await f.Admin.GetAsync($"/api/v1/attachments/{document.Id()}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync());
        var logo = files.Single(a => a.GetProperty("inline").GetBoolean());
        Assert.Equal("logo@x", logo.Str("contentId"));
        Assert.Contains("cid:logo@x", message.Str("html"));
        Assert.Contains("Look:", message.Str("body"));
    }

    [Fact]
    public async Task Pipe_HostileHtml_IsSanitised_AndExecutablesFlagged()
    {
        var box = await f.CreateMailboxAsync();
        var raw = $"From: {Customer()}\r\nTo: {box.Address}\r\nSubject: Invoice\r\nMessage-ID: <{Guid.NewGuid():N}@c>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                  + "<p onclick=\"steal()\">Pay <a href=\"javascript:alert(1)\">here</a></p><script>alert(2)</script><iframe src=\"https://evil.test\"></iframe><form action=\"https://evil.test\"><input name=p></form>\r\n"
                  + "--m\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"invoice.pdf.exe\"\r\n\r\nMZ\r\n--m--\r\n";
        var message = (await f.GetTicketAsync(await TicketOfAsync(await f.PipeAsync(box, raw)))).GetProperty("messages")[0];
        var html = message.Str("html");
        foreach (var bad in new[] { "onclick", "javascript:", "<script", "<iframe", "<form", "<input" }) Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Pay", html);
        Assert.True(message.GetProperty("attachments")[0].GetProperty("dangerous").GetBoolean());
    }

    [Fact]
    public async Task Pipe_NulBytesAndHugeSubject_StillMakeATicket()
    {
        var box = await f.CreateMailboxAsync();
        var subject = "Nul\0here " + new string('x', 10_000);
        var raw = $"From: \"Bad\0Name\" <{Customer()}>\r\nTo: {box.Address}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@c>\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody\0with nul\r\n"
                  + "--m\r\nContent-Type: text/plain; name=\"a\0b.txt\"\r\nContent-Disposition: attachment; filename=\"a\0b.txt\"\r\n\r\nfile\r\n--m--\r\n";
        var ticket = await f.GetTicketAsync(await TicketOfAsync(await f.PipeAsync(box, raw)));
        Assert.StartsWith("Nul", ticket.Str("subject"));
        Assert.False(ticket.Str("subject").Contains('\0'));
        var message = ticket.GetProperty("messages")[0];
        Assert.Contains("with nul", message.Str("body"));
        Assert.False(message.GetProperty("attachments")[0].Str("fileName").Contains('\0'));
    }

    [Fact]
    public async Task MessageSource_IsDownloadable_ByWhoeverSeesTheTicket()
    {
        var team = await f.CreateTeamAsync();
        var box = await f.CreateMailboxAsync(new { defaultTeamId = team });
        var raw = EmailTestKit.Mail(Customer(), box.Address, "Source", "Original bytes ü");
        var ticketId = await TicketOfAsync(await f.PipeAsync(box, raw));
        var messageId = (await f.GetTicketAsync(ticketId)).GetProperty("messages")[0].Id();
        var eml = await f.Admin.GetAsync($"/api/v1/tickets/{ticketId}/messages/{messageId}/eml").ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Encoding.UTF8.GetBytes(raw), await eml.Content.ReadAsByteArrayAsync());
        var otherTeam = await f.CreateTeamAsync();
        var (outsider, _) = await f.CreateAgentAsync("agent", otherTeam);
        await outsider.GetAsync($"/api/v1/tickets/{ticketId}/messages/{messageId}/eml").Problem(HttpStatusCode.NotFound);
    }
}

public sealed class InboundPipeTests_Sqlite(SqliteApp f) : InboundPipeTests(f), IClassFixture<SqliteApp>;

public sealed class InboundPipeTests_Postgres(PostgresApp f) : InboundPipeTests(f), IClassFixture<PostgresApp>;
