using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Otklik.Tests.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>
/// Nobody is in the workspace: the widget says so and asks where to answer; the visitor leaves an email, writes and
/// goes away; the agent's later reply reaches the customer's real mailbox (Postfix → Dovecot) through the widget's mailbox.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChatWidgetOfflineTests(AppFixture app, MailServers mail) : IClassFixture<MailServers>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private async Task<long> MailInboxAsync(HttpClient api, MailUser support)
    {
        var created = await (await api.PostAsJsonAsync("/api/v1/admin/mailboxes", new
        {
            name = "Support " + support.Address, address = support.Address, protocol = "imap", autoAcknowledge = false,
            inHost = MailServers.Host, inPort = MailServers.ImapPort, inSecurity = "none", inUser = support.Address, inPassword = support.Password,
            smtpHost = MailServers.Host, smtpPort = MailServers.SmtpPort, smtpSecurity = "none", sentFolder = "Sent",
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return created.GetProperty("inboxId").GetInt64();
    }

    [MailFact]
    public async Task NobodyOnline_VisitorLeavesEmail_AndTheReplyAfterTheyLeftArrivesByEmail()
    {
        await using var shop = ShopSite.Start();
        using var api = await ChatKit.ApiAsync(app.BaseUrl);
        var support = mail.NewUser(MailServers.OtklikDomain);
        var customer = mail.NewUser();
        shop.Page = ChatKit.ShopPage(app.BaseUrl, await ChatKit.CreateWidgetAsync(api, shop, await MailInboxAsync(api, support)));

        var visitor = await ChatKit.VisitorAsync(app.Browser, shop);
        await using var visitorContext = visitor.Context;
        var fileUrls = new ConcurrentQueue<string>();
        visitor.Request += (_, r) => { if (r.Url.Contains("/files")) fileUrls.Enqueue(r.Url); };
        var status = visitor.Locator("[data-test=chat-status]");
        await Expect(status).ToContainTextAsync("Сейчас никого нет. Ответим в течение 24 часов", new() { Timeout = 15_000 });
        await Expect(status).ToContainTextAsync("Оставьте email или телефон");
        var email = visitor.Locator("[data-test=chat-contact-email]");
        await email.FillAsync(customer.Address);
        await visitor.Locator("[data-test=chat-contact-save]").ClickAsync();
        await Expect(status).ToContainTextAsync("Спасибо! Ответим сюда: " + customer.Address);
        await Expect(visitor.Locator("[data-test=chat-contact]")).ToBeHiddenAsync();

        var question = $"Курьер не приехал {Guid.NewGuid():N}";
        await ChatKit.SendAsync(visitor, question);
        await Expect(visitor.Locator("[data-test=chat-message][data-from=visitor]").Filter(new() { HasText = question }).Locator("[data-test=chat-mark]"))
            .ToHaveTextAsync("Доставлено");
        // A photo: the widget shows it from a blob it fetched with the token in a header, never in a URL.
        await visitor.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "parcel.png", MimeType = "image/png", Buffer = Png });
        var photo = visitor.Locator("[data-test=chat-message][data-from=visitor] img[alt='parcel.png']");
        await Expect(photo).ToHaveAttributeAsync("src", new Regex("^blob:"));
        await Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 1);
        Assert.Contains(fileUrls, u => Regex.IsMatch(u, "/files/\\d+$"));
        Assert.All(fileUrls, u => Assert.DoesNotContain("?", u));
        var ticketId = await ChatKit.FindTicketAsync(api, question);

        // The visitor closes the site; the agent answers from the workspace afterwards.
        await visitor.Context.CloseAsync();
        var agent = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await using var agentContext = agent.Context;
        await agent.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(agent);
        var answer = $"Курьер будет завтра до 12:00 {Guid.NewGuid():N}";
        await agent.Locator("[data-test=reply-box]").FillAsync(answer);
        await agent.Locator("[data-test=reply-box]").PressAsync("Control+Enter");
        await Expect(agent.Locator("[data-test=message]").Filter(new() { HasText = answer })).ToBeVisibleAsync();

        // Nobody confirmed it in the widget: after the follow-up delay it goes by email, threaded by the ticket token.
        var letter = Assert.Single(await mail.WaitForMessagesAsync(customer, 1, TimeSpan.FromSeconds(60)));
        Assert.Contains($"[#{ticketId}]", letter.Subject);
        Assert.Contains(answer, letter.TextBody);
        Assert.Equal(support.Address, letter.From.Mailboxes.Single().Address);
    }
}
