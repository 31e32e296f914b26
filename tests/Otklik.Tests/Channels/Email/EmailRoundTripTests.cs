using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

/// <summary>Customer ⇄ Otklik through real Postfix and Dovecot: IMAP in, SMTP out, threading both ways.</summary>
public abstract class EmailRoundTripTests(AppFixture f, MailServers mail)
{
    private static MimeMessage CustomerMail(MailUser from, string to, string subject, string body)
    {
        var m = new MimeMessage { Subject = subject, MessageId = MimeUtils.GenerateMessageId("customer.example.test") };
        m.From.Add(new MailboxAddress("Ольга Смирнова", from.Address));
        m.To.Add(MailboxAddress.Parse(to));
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }

    [MailFact]
    public async Task CustomerMail_BecomesTicket_AgentReplyArrives_AndTheAnswerThreads()
    {
        var (_, _, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail);
        var customer = mail.NewUser();
        var first = CustomerMail(customer, support.Address, "Возврат денег за заказ", "Здравствуйте! Хочу вернуть заказ 777.");
        await mail.SendAsync(first);
        var ticketId = (await RealMailKit.TicketFromAsync(f.App.Services, customer.Address))!.Value;

        // The acknowledgment: number, promise, and marked automatic so robots do not answer it.
        var ack = Assert.Single(await mail.WaitForMessagesAsync(customer, 1, RealMailKit.Wait));
        Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
        Assert.Contains(ticketId.ToString(), ack.TextBody);
        Assert.Equal(first.MessageId, ack.InReplyTo);

        var upload = new MultipartFormDataContent { { new ByteArrayContent("act of return"u8.ToArray()), "file", "акт возврата.txt" } };
        var file = await f.Admin.PostAsync("/api/v1/attachments", upload).Json(HttpStatusCode.Created);
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Оформили возврат, деньги придут за 3 дня.", attachmentIds = new[] { file.Id() } })
            .ShouldBe(HttpStatusCode.Created);
        var inbox = await mail.WaitForMessagesAsync(customer, 2, RealMailKit.Wait);
        var reply = inbox.Single(m => m.TextBody?.Contains("Оформили возврат") == true);
        Assert.Equal(support.Address, reply.From.Mailboxes.Single().Address);
        Assert.EndsWith("via Otklik", reply.From.Mailboxes.Single().Name);
        Assert.Contains($"[#{ticketId}]", reply.Subject);
        Assert.Equal(first.MessageId, reply.InReplyTo);
        Assert.Contains(first.MessageId, reply.References);
        Assert.NotNull(reply.HtmlBody);
        Assert.Equal("акт возврата.txt", Assert.Single(reply.Attachments).ContentDisposition?.FileName);

        using (var scope = f.App.Services.CreateScope())
        {
            var sent = await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages
                .SingleAsync(m => m.TicketId == ticketId && m.Kind == MessageKind.Outbound);
            Assert.Equal(reply.MessageId, sent.ExternalId);
            Assert.Equal(DeliveryStatus.Sent, sent.DeliveryStatus);
        }
        // A copy of the reply is kept in the support mailbox's Sent folder.
        // The copy to Sent is made after the send is recorded, so it may land a moment later.
        Assert.Contains(await mail.WaitForFolderAsync(support, "Sent", m => m.MessageId == reply.MessageId, RealMailKit.Wait), m => m.MessageId == reply.MessageId);

        var answer = CustomerMail(customer, support.Address, "Re: " + reply.Subject, "Спасибо, жду!");
        answer.InReplyTo = reply.MessageId;
        answer.References.Add(reply.MessageId!);
        await mail.SendAsync(answer);
        Assert.Equal(ticketId, await RealMailKit.TicketFromAsync(f.App.Services, customer.Address, messages: 3));
    }

    [MailFact]
    public async Task ReplyToAnAddressThatBounces_IsMarkedFailedOnTheTicket()
    {
        var (_, inboxId, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail, new { autoAcknowledge = false });
        var nobody = MailServers.NewAddress(MailServers.BounceDomain);
        var ticket = await f.Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Phone call follow-up", customer = new { email = nobody, name = "Nobody" }, message = new { body = "Call me" }, inboxId,
        }).Json(HttpStatusCode.Created);
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/messages", new { body = "Here is the summary" }).ShouldBe(HttpStatusCode.Created);

        // Postfix accepts the reply, fails to deliver it, and returns a DSN to the support mailbox, which Otklik reads.
        var failed = await RealMailKit.EventuallyAsync(f.App.Services, async db => await db.Messages.Include(m => m.Email)
            .FirstOrDefaultAsync(m => m.TicketId == ticket.Id() && m.Kind == MessageKind.Outbound && m.DeliveryStatus == DeliveryStatus.Failed), "the bounce");
        Assert.False(string.IsNullOrWhiteSpace(failed.Email?.DeliveryError));
        var details = await f.GetTicketAsync(ticket.Id());
        Assert.Contains(details.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "delivery_failed");
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        Assert.False(await db.Tickets.AnyAsync(t => t.InboxId == inboxId && t.Id != ticket.Id()), "A bounce must not open a ticket.");
        Assert.True(await db.InboundEmails.AnyAsync(x => x.InboxId == inboxId && x.Status == InboundEmailStatus.Ignored), support.Address);
    }

    [MailTheory]
    [InlineData("pop3", MailServers.Pop3Port, "none")]
    [InlineData("pop3", MailServers.Pop3sPort, "tls")]
    [InlineData("imap", MailServers.ImapsPort, "tls")]
    [InlineData("imap", MailServers.ImapPort, "starttls")]
    public async Task OtherProtocolsAndTls_FetchMailToo(string protocol, int port, string security)
    {
        // The test servers use a self-signed certificate: the admin's "accept invalid certificates" switch is what makes TLS work here.
        var (_, _, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail,
            new { protocol, inPort = port, inSecurity = security, acceptInvalidCertificates = true, autoAcknowledge = false, pollSeconds = 5 });
        var customer = mail.NewUser();
        await mail.SendAsync(CustomerMail(customer, support.Address, $"Via {protocol}/{security}", "Hello"));
        var ticketId = (await RealMailKit.TicketFromAsync(f.App.Services, customer.Address))!.Value;
        Assert.Equal($"Via {protocol}/{security}", (await f.GetTicketAsync(ticketId)).Str("subject"));
    }

    [MailFact]
    public async Task UntrustedCertificate_IsRefused_AndTheStatusPanelSaysWhy()
    {
        var (id, _, _) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail, new { inPort = MailServers.ImapsPort, inSecurity = "tls" });
        var status = await RealMailKit.EventuallyAsync(f.App.Services, async db =>
            await db.Mailboxes.Where(b => b.Id == id && b.LastError != null).Select(b => b.LastError).FirstOrDefaultAsync(), "the fetch error");
        Assert.Contains("mail-tls", status);
        var dto = await f.Admin.GetAsync($"/api/v1/admin/mailboxes/{id}").Json(HttpStatusCode.OK);
        Assert.Equal("The TLS handshake failed (certificate not trusted or wrong port/security setting).", dto.GetProperty("status").Str("lastError"));
        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/mailboxes/{id}");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var dtoRu = await f.Admin.SendAsync(russian).Json(HttpStatusCode.OK);
        Assert.StartsWith("Не удалось установить TLS-соединение", dtoRu.GetProperty("status").Str("lastError"));
    }

    [MailFact]
    public async Task AutoReply_OpensNoConversationWithTheRobot()
    {
        var (_, _, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail);
        var robot = mail.NewUser();
        var away = CustomerMail(robot, support.Address, "Automatic reply: Out of office", "I am away until Monday.");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        await mail.SendAsync(away);
        await mail.SendAsync(CustomerMail(robot, support.Address, "A real question", "When do you open?"));
        await RealMailKit.EventuallyAsync<long?>(f.App.Services, async db =>
            await db.Tickets.CountAsync(t => t.Customer!.Identities.Any(i => i.Value == robot.Address)) == 2 ? 2 : null, "both tickets");
        // Exactly one acknowledgment: for the question, never for the auto-reply.
        var received = await mail.WaitForMessagesAsync(robot, 1, RealMailKit.Wait);
        await Task.Delay(TimeSpan.FromSeconds(3));
        received = await mail.ReadFolderAsync(robot);
        Assert.Single(received);
        Assert.DoesNotContain("Out of office", received[0].Subject);
    }
}

public sealed class EmailRoundTripTests_Sqlite(SqliteApp f, MailServers mail) : EmailRoundTripTests(f, mail), IClassFixture<SqliteApp>, IClassFixture<MailServers>;

public sealed class EmailRoundTripTests_Postgres(PostgresApp f, MailServers mail) : EmailRoundTripTests(f, mail), IClassFixture<PostgresApp>, IClassFixture<MailServers>;
