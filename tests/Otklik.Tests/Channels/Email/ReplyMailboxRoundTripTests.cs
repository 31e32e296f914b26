using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MimeKit.Utils;
using Otklik.Domain;
using Otklik.Tests.Features.WebForms;
using Otklik.Tests.TestSupport;
using static Otklik.Tests.Features.WebForms.FormsKit;

namespace Otklik.Tests.Channels.Email;

/// <summary>
/// Tickets of inboxes without a mailbox (a form-only inbox, a callback) answered by email through the
/// inbox's reply mailbox, over the real Postfix and Dovecot: the reply arrives, threaded, and the
/// customer's answer comes back to the same ticket.
/// </summary>
public abstract class ReplyMailboxRoundTripTests(AppFixture f, MailServers mail)
{
    private async Task<(long InboxId, string Key, MailUser Support)> FormInboxWithReplyMailboxAsync(string channel)
    {
        var (_, supportInboxId, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail, new { autoAcknowledge = false });
        var (inboxId, key) = await CreateFormAsync(f, channel: channel);
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId = supportInboxId }).ShouldBe(HttpStatusCode.OK);
        return (inboxId, key, support);
    }

    /// <summary>The agent answers; the customer finds the mail in their mailbox, threaded to the ticket, and answers it.</summary>
    private async Task ReplyAndAnswerAsync(long ticketId, MailUser customer, MailUser support, string body)
    {
        var route = await f.Admin.GetAsync($"/api/v1/tickets/{ticketId}/reply-route").Json(HttpStatusCode.OK);
        Assert.Equal("email", route.Str("way"));
        Assert.Equal(support.Address, route.Str("from"));
        var added = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body }).Json(HttpStatusCode.Created);
        Assert.Equal("pending", added.GetProperty("message").Str("deliveryStatus"));

        var reply = Assert.Single(await mail.WaitForMessagesAsync(customer, 1, RealMailKit.Wait));
        Assert.Contains(body, reply.TextBody);
        Assert.Equal(support.Address, reply.From.Mailboxes.Single().Address);
        Assert.Contains($"[#{ticketId}]", reply.Subject);
        Assert.Equal(ticketId.ToString(), reply.Headers["X-Otklik-Ticket"]);
        var sent = await RealMailKit.EventuallyAsync(f.App.Services, async db => await db.Messages
            .FirstOrDefaultAsync(m => m.Id == added.GetProperty("message").Id() && m.DeliveryStatus == DeliveryStatus.Sent), "the reply marked sent");
        Assert.Equal(reply.MessageId, sent.ExternalId);
        // The copy to Sent is made after the send is recorded, so it may land a moment later.
        Assert.Contains(await mail.WaitForFolderAsync(support, "Sent", m => m.MessageId == reply.MessageId, RealMailKit.Wait), m => m.MessageId == reply.MessageId);

        var answer = new MimeMessage { Subject = "Re: " + reply.Subject, MessageId = MimeUtils.GenerateMessageId("customer.example.test"), InReplyTo = reply.MessageId };
        answer.From.Add(new MailboxAddress("Клиент", customer.Address));
        answer.To.Add(MailboxAddress.Parse(support.Address));
        answer.References.Add(reply.MessageId!);
        answer.Body = new TextPart("plain") { Text = "Спасибо, получил!" };
        await mail.SendAsync(answer);
        var threaded = await RealMailKit.EventuallyAsync(f.App.Services, async db => await db.Messages
            .FirstOrDefaultAsync(m => m.ExternalId == answer.MessageId), "the customer's answer");
        Assert.Equal(ticketId, threaded.TicketId);
        Assert.Equal(MessageKind.Inbound, threaded.Kind);
        Assert.False(await DbAsync(f, db => db.Tickets.AnyAsync(t => t.Id != ticketId && t.Customer!.Identities.Any(i => i.Value == customer.Address))),
            "The answer must not open a ticket of its own.");
    }

    [MailFact]
    public async Task WebFormTicket_OnAFormOnlyInbox_IsAcknowledgedThroughTheReplyMailbox()
    {
        var (_, supportInboxId, support) = await RealMailKit.AddImapMailboxAsync(f.Admin, mail, new { autoAcknowledge = true });
        var (formInboxId, key) = await CreateFormAsync(f, channel: "webform");
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{formInboxId}/form", new { replyInboxId = supportInboxId }).ShouldBe(HttpStatusCode.OK);
        var customer = mail.NewUser();
        var visitor = Visitor(f);
        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Борис", email = customer.Address, subject = "Счёт 7730", message = "Пришлите счёт ещё раз.", formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var ticketId = filed.GetProperty("ticketNumber").GetInt64();
        Assert.Equal(customer.Address, filed.Str("emailCopyTo"));

        var acknowledgment = Assert.Single(await mail.WaitForMessagesAsync(customer, 1, RealMailKit.Wait));
        Assert.Equal(support.Address, acknowledgment.From.Mailboxes.Single().Address);
        Assert.Contains($"[#{ticketId}]", acknowledgment.Subject);
        Assert.Contains(ticketId.ToString(), acknowledgment.TextBody);
    }

    [MailFact]
    public async Task WebFormTicket_OnAFormOnlyInbox_IsAnsweredThroughTheReplyMailbox()
    {
        var (inboxId, key, support) = await FormInboxWithReplyMailboxAsync("webform");
        var customer = mail.NewUser();
        var visitor = Visitor(f);
        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Анна", email = customer.Address, subject = "Где заказ 5521?", message = "Заказ не пришёл.", formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var ticketId = filed.GetProperty("ticketNumber").GetInt64();
        var ticket = await f.GetTicketAsync(ticketId);
        Assert.Equal("webform", ticket.Str("channel"));
        Assert.Equal(inboxId, ticket.GetProperty("inboxId").GetInt64());

        await ReplyAndAnswerAsync(ticketId, customer, support, "Заказ 5521 передан курьеру, будет завтра.");
        var messages = (await f.GetTicketAsync(ticketId)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["inbound", "outbound", "inbound"], messages.Select(m => m.Str("kind")));
    }

    [MailFact]
    public async Task CallbackTicket_WhoseCustomerHasAnEmail_IsAnsweredByEmail()
    {
        var (_, key, support) = await FormInboxWithReplyMailboxAsync("phone");
        var customer = mail.NewUser();
        var visitor = Visitor(f);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).AddDays(1).ToString("yyyy-MM-dd");
        var requested = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new
        {
            name = "Светлана", phone = "+7926" + Random.Shared.NextInt64(1_000_000, 9_999_999), date, from = "10:00", to = "12:00",
            timeZone = "Europe/Moscow", formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var ticketId = requested.GetProperty("ticketNumber").GetInt64();
        Assert.Equal("phone", (await f.GetTicketAsync(ticketId)).Str("channel"));
        var customerId = (await f.GetTicketAsync(ticketId)).GetProperty("customer").Id();
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{customerId}", new { addEmail = customer.Address }).ShouldBe(HttpStatusCode.OK);

        await ReplyAndAnswerAsync(ticketId, customer, support, "Не дозвонились — пишем письмом: возврат оформлен.");
    }
}

public sealed class ReplyMailboxRoundTripTests_Sqlite(FormsSqliteApp f, MailServers mail)
    : ReplyMailboxRoundTripTests(f, mail), IClassFixture<FormsSqliteApp>, IClassFixture<MailServers>;

public sealed class ReplyMailboxRoundTripTests_Postgres(FormsPostgresApp f, MailServers mail)
    : ReplyMailboxRoundTripTests(f, mail), IClassFixture<FormsPostgresApp>, IClassFixture<MailServers>;
