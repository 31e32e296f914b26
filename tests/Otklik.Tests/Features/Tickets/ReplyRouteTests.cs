using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Domain;
using Otklik.Tests.Channels.Email;
using Otklik.Tests.Features.WebForms;
using Otklik.Tests.TestSupport;
using static Otklik.Tests.Features.WebForms.FormsKit;

namespace Otklik.Tests.Features.Tickets;

/// <summary>How a public reply travels, decided in one place, and refused when nothing can carry it.</summary>
public abstract class ReplyRouteTests(AppFixture f)
{
    // SMTP that nobody listens on: a queued reply stays pending, which is all these tests need.
    private Task<TestMailbox> SendingMailboxAsync() => f.CreateMailboxAsync(new { smtpHost = "127.0.0.1", smtpPort = 9, smtpSecurity = "none", autoAcknowledge = false });

    private async Task<long> InboxAsync(string channel) =>
        (await f.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = AppFixture.Unique("Inbox "), channel }).Json(HttpStatusCode.Created)).Id();

    private async Task<long> TicketAsync(long? inboxId, string? email = null, string? channel = null) =>
        (await f.Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Где заказ?", customer = new { email = email ?? AppFixture.Unique() + "@customer.test", name = "Анна" },
            message = new { body = "Заказ не пришёл." }, inboxId, channel,
        }).Json(HttpStatusCode.Created)).Id();

    private Task<JsonElement> RouteAsync(long ticketId, HttpClient? client = null) =>
        (client ?? f.Admin).GetAsync($"/api/v1/tickets/{ticketId}/reply-route").Json(HttpStatusCode.OK);

    private Task<HttpResponseMessage> ReplyAsync(long ticketId, bool @internal = false) =>
        f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Отправили сегодня.", @internal });

    private Task SetReplyMailboxAsync(long inboxId, long replyInboxId) =>
        f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId }).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task EmailInbox_RepliesFromItsOwnMailbox()
    {
        var box = await SendingMailboxAsync();
        var email = AppFixture.Unique() + "@customer.test";
        var ticketId = await TicketAsync(box.InboxId, email);
        var route = await RouteAsync(ticketId);
        Assert.Equal("email", route.Str("way"));
        Assert.Equal(email, route.Str("to"));
        Assert.Equal(box.Address, route.Str("from"));
        Assert.False(route.GetProperty("replyMailbox").GetBoolean());
        Assert.Equal(JsonValueKind.Null, route.GetProperty("problem").ValueKind);
        Assert.Equal("pending", (await ReplyAsync(ticketId).Json(HttpStatusCode.Created)).GetProperty("message").Str("deliveryStatus"));
    }

    [Fact]
    public async Task FormOnlyInbox_WithoutReplyMailbox_RefusesPublicReply_ButTakesNotes()
    {
        var inboxId = await InboxAsync("webform");
        var ticketId = await TicketAsync(inboxId);
        var route = await RouteAsync(ticketId);
        Assert.Equal("none", route.Str("way"));
        Assert.Equal("no_mailbox", route.Str("problem"));
        Assert.StartsWith("Cannot be delivered", route.Str("text"));

        var refused = await ReplyAsync(ticketId).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reply_undeliverable", refused.Str("code"));
        Assert.Equal("no_mailbox", refused.Str("reason"));
        Assert.Equal(1, (await f.GetTicketAsync(ticketId)).GetProperty("messages").GetArrayLength());
        // Also with a status change: nothing of the refused reply is kept.
        var status = (await f.GetTicketAsync(ticketId)).Str("status");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "x", status = "solved" }).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(status, (await f.GetTicketAsync(ticketId)).Str("status"));

        var note = await ReplyAsync(ticketId, @internal: true).Json(HttpStatusCode.Created);
        Assert.Equal("note", note.GetProperty("message").Str("kind"));
    }

    [Fact]
    public async Task FormOnlyInbox_WithReplyMailbox_RepliesByEmailFromIt()
    {
        var box = await SendingMailboxAsync();
        var inboxId = await InboxAsync("webform");
        await SetReplyMailboxAsync(inboxId, box.InboxId);
        Assert.Equal(box.InboxId, (await f.Admin.GetAsync($"/api/v1/inboxes/{inboxId}/form").Json(HttpStatusCode.OK)).GetProperty("replyInboxId").GetInt64());
        var email = AppFixture.Unique() + "@customer.test";
        var ticketId = await TicketAsync(inboxId, email);

        var route = await RouteAsync(ticketId);
        Assert.Equal("email", route.Str("way"));
        Assert.Equal(email, route.Str("to"));
        Assert.Equal(box.Address, route.Str("from"));
        Assert.True(route.GetProperty("replyMailbox").GetBoolean());
        Assert.False(route.GetProperty("toVerified").GetBoolean());

        var added = await ReplyAsync(ticketId).Json(HttpStatusCode.Created);
        Assert.Equal("pending", added.GetProperty("message").Str("deliveryStatus"));
        var sent = await DbAsync(f, db => db.Messages.SingleAsync(m => m.Id == added.GetProperty("message").Id()));
        Assert.EndsWith("@otklik.test", sent.ExternalId);
        Assert.StartsWith($"otklik.{ticketId}.", sent.ExternalId);

        // "0" takes the reply mailbox away again: the next reply is refused, not stored as sent.
        await SetReplyMailboxAsync(inboxId, 0);
        Assert.Equal("no_mailbox", (await RouteAsync(ticketId)).Str("problem"));
    }

    [Fact]
    public async Task ReplyMailbox_MustBeAnotherInboxWhoseMailboxSends()
    {
        var inboxId = await InboxAsync("phone");
        var receiveOnly = await f.CreateMailboxAsync();
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId = receiveOnly.InboxId }).ValidationProblem("replyInboxId");
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId = inboxId }).ValidationProblem("replyInboxId");
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId = 999_999 }).ValidationProblem("replyInboxId");
        var (agent, _) = await f.CreateAgentAsync();
        await agent.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { replyInboxId = 0 }).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CallbackTicket_WithoutEmail_SaysCallThem_ThenGoesByEmailOnceOneIsAdded()
    {
        var box = await SendingMailboxAsync();
        var (inboxId, key) = await CreateFormAsync(f, channel: "phone");
        await SetReplyMailboxAsync(inboxId, box.InboxId);
        var visitor = Visitor(f);
        var phone = "+7926" + Random.Shared.NextInt64(1_000_000, 9_999_999);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).AddDays(1).ToString("yyyy-MM-dd");
        var requested = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new
        {
            name = "Светлана", phone, date, from = "10:00", to = "12:00", timeZone = "Europe/Moscow", formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var ticketId = requested.GetProperty("ticketNumber").GetInt64();

        var route = await RouteAsync(ticketId);
        Assert.Equal("none", route.Str("way"));
        Assert.Equal("no_customer_email", route.Str("problem"));
        Assert.Equal("no_customer_email", (await ReplyAsync(ticketId).Problem(HttpStatusCode.UnprocessableEntity)).Str("reason"));
        using var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticketId}/reply-route");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        Assert.Contains("у клиента нет почты", (await f.Admin.SendAsync(russian).Json(HttpStatusCode.OK)).Str("text"));

        var customerId = (await f.GetTicketAsync(ticketId)).GetProperty("customer").Id();
        var email = AppFixture.Unique() + "@customer.test";
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{customerId}", new { addEmail = email }).ShouldBe(HttpStatusCode.OK);
        route = await RouteAsync(ticketId);
        Assert.Equal("email", route.Str("way"));
        Assert.Equal(email, route.Str("to"));
        Assert.Equal("pending", (await ReplyAsync(ticketId).Json(HttpStatusCode.Created)).GetProperty("message").Str("deliveryStatus"));
    }

    [Fact]
    public async Task VerifiedEmail_IsChosenBeforeATypedOne()
    {
        var box = await SendingMailboxAsync();
        var typed = AppFixture.Unique("a") + "@customer.test";
        var ticketId = await TicketAsync(box.InboxId, typed);
        var customerId = (await f.GetTicketAsync(ticketId)).GetProperty("customer").Id();
        var proven = AppFixture.Unique("b") + "@customer.test";
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{customerId}", new { addEmail = proven }).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(typed, (await RouteAsync(ticketId)).Str("to"));
        await DbAsync(f, db => db.CustomerIdentities.Where(i => i.Value == proven).ExecuteUpdateAsync(s => s.SetProperty(i => i.Verified, true)));
        var route = await RouteAsync(ticketId);
        Assert.Equal(proven, route.Str("to"));
        Assert.True(route.GetProperty("toVerified").GetBoolean());
    }

    [Fact]
    public async Task ChatAndIntegrationTickets_KeepTheirOwnWay()
    {
        Assert.Equal("chat", (await RouteAsync(await TicketAsync(null, channel: "chat"))).Str("way"));
        var apiTicket = await TicketAsync(null);
        Assert.Equal("integration", (await RouteAsync(apiTicket)).Str("way"));
        Assert.Equal("sent", (await ReplyAsync(apiTicket).Json(HttpStatusCode.Created)).GetProperty("message").Str("deliveryStatus"));
    }

    [Fact]
    public async Task Route_IsReadLikeTheTicketItself()
    {
        var team = await f.CreateTeamAsync();
        var ticket = await f.CreateTicketAsync(teamId: team);
        var (outsider, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        await outsider.GetAsync($"/api/v1/tickets/{ticket.Id()}/reply-route").Problem(HttpStatusCode.NotFound);
        var (member, _) = await f.CreateAgentAsync("agent", team);
        await RouteAsync(ticket.Id(), member);
        await f.App.Anonymous().GetAsync($"/api/v1/tickets/{ticket.Id()}/reply-route").ShouldBe(HttpStatusCode.Unauthorized);
        await f.Admin.GetAsync("/api/v1/tickets/987654321/reply-route").Problem(HttpStatusCode.NotFound);
    }
}

public sealed class ReplyRouteTests_Sqlite(FormsSqliteApp f) : ReplyRouteTests(f), IClassFixture<FormsSqliteApp>;

public sealed class ReplyRouteTests_Postgres(FormsPostgresApp f) : ReplyRouteTests(f), IClassFixture<FormsPostgresApp>;
