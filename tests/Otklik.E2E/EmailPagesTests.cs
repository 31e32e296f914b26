using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>The email channel in the workspace: mailbox admin, the MTA pipe, email details on a ticket, the quarantine.</summary>
[Collection(AppCollection.Name)]
public sealed class EmailPagesTests(AppFixture app)
{
    [Fact]
    public async Task Admin_adds_a_mailbox_and_sees_it_listed_with_its_pipe_url()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var (card, address) = await AddMailboxAsync(page);

        await Expect(card.Locator("[data-test=mailbox-name]")).ToHaveTextAsync($"Поддержка {address}");
        await Expect(card.Locator("[data-test=inbound-server]")).ToContainTextAsync("только через входящий адрес");
        await Expect(card.Locator("[data-test=outbound-server]")).ToHaveTextAsync("SMTP 127.0.0.1:9 · нет");
        var inboxId = await card.GetAttributeAsync("data-inbox");
        await Expect(card.Locator("[data-test=pipe-url]")).ToHaveTextAsync($"{app.BaseUrl}/api/v1/mail/inbound/{inboxId}");
        await Expect(card.Locator("[data-test=pipe-secret]")).ToHaveTextAsync(new Regex("^[A-Za-z0-9_-]{20,}$"));
        await Expect(card.Locator("[data-test=pipe-curl]")).ToContainTextAsync("X-Otklik-Inbox-Secret");

        // Stored, not only shown: a fresh visit lists it, and the edit form shows no password but keeps the values.
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await card.Locator("[data-test=edit-mailbox]").ClickAsync();
        var form = page.Locator("[data-test=mailbox-form]");
        await Expect(form.Locator("[data-test=mb-smtp-host]")).ToHaveValueAsync("127.0.0.1");
        await Expect(form.Locator("[data-test=mb-smtp-port]")).ToHaveValueAsync("9");
        await Expect(form.Locator("[data-test=mb-address]")).ToHaveValueAsync(address);
        await form.Locator("[data-test=cancel-mailbox]").ClickAsync();

        // The server's refusal lands next to the field it is about.
        await page.Locator("[data-test=add-mailbox]").ClickAsync();
        await form.Locator("[data-test=mb-name]").FillAsync("Дубликат");
        await form.Locator("[data-test=mb-address]").FillAsync(address);
        await form.Locator("[data-test=save-mailbox]").ClickAsync();
        await Expect(form.Locator("[data-test=field-error][data-field=address]")).ToContainTextAsync($"Адрес {address} уже занят другим почтовым ящиком.");
        await Expect(page.Locator("[data-test=mailbox-address]", new() { HasText = address })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Test_connection_against_a_closed_port_shows_a_readable_failure_without_saving()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await page.GotoAsync("/admin/mailboxes");
        await AppFixture.WaitInteractiveAsync(page);
        var before = await page.Locator("[data-test=mailbox-row]").CountAsync();
        await page.Locator("[data-test=add-mailbox]").ClickAsync();
        var form = page.Locator("[data-test=mailbox-form]");
        await form.Locator("[data-test=mb-protocol]").SelectOptionAsync("imap");
        await form.Locator("[data-test=mb-in-host]").FillAsync("127.0.0.1");
        await form.Locator("[data-test=mb-in-port]").FillAsync("9");
        await form.Locator("[data-test=mb-in-security]").SelectOptionAsync("none");
        await form.Locator("[data-test=mb-smtp-host]").FillAsync("127.0.0.1");
        await form.Locator("[data-test=mb-smtp-port]").FillAsync("9");
        await form.Locator("[data-test=mb-smtp-security]").SelectOptionAsync("none");
        await form.Locator("[data-test=test-connection]").ClickAsync();

        foreach (var side in new[] { "test-inbound", "test-outbound" })
        {
            var check = form.Locator($"[data-test={side}]");
            await Expect(check).ToHaveAttributeAsync("data-ok", "false", new() { Timeout = 45_000 });
            await Expect(check).ToContainTextAsync("не работает");
            await Expect(check).ToContainTextAsync("Не удаётся подключиться: ConnectionRefused.");
        }
        await Expect(form.Locator("[data-test=test-outbound]")).ToHaveCSSAsync("color", "rgb(140, 35, 30)");

        await form.Locator("[data-test=cancel-mailbox]").ClickAsync();
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=mailbox-row]")).ToHaveCountAsync(before);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Mail_piped_in_by_an_mta_becomes_a_ticket_with_sender_folded_quote_and_original()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var (card, address) = await AddMailboxAsync(page);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var customer = $"ivan-{tag}@example.com";
        var mail = $"""
            From: Ivan Petrov <{customer}>
            To: {address}
            Cc: boss-{tag}@example.com
            Subject: Заказ не пришёл {tag}
            Message-ID: <{tag}@example.com>
            Date: Mon, 1 Dec 2025 10:00:00 +0300
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Здравствуйте, заказ так и не пришёл.

            On Fri, 28 Nov 2025 at 10:00, Support <{address}> wrote:
            > Ваш заказ отправлен, трек-номер {tag}-track.
            > Спасибо за покупку.
            """;
        var accepted = await PipeAsync(card, mail);
        Assert.Equal("ticket", accepted.GetProperty("outcome").GetString());
        var ticketId = accepted.GetProperty("ticketId").GetInt64();

        await page.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=ticket-subject]")).ToHaveTextAsync($"Заказ не пришёл {tag}");
        var message = page.Locator("[data-test=message]").First;
        await Expect(message.Locator("[data-test=email-from]")).ToContainTextAsync(customer);
        await Expect(message.Locator("[data-test=email-cc]")).ToContainTextAsync($"boss-{tag}@example.com");
        await Expect(message.Locator("[data-test=message-body]")).ToContainTextAsync("заказ так и не пришёл");
        await Expect(message.Locator("[data-test=message-body]")).Not.ToContainTextAsync($"{tag}-track");
        await Expect(message.Locator("[data-test=quoted]")).ToHaveCountAsync(0);

        var toggle = message.Locator("[data-test=quote-toggle]");
        await Expect(toggle).ToHaveTextAsync("Показать цитату");
        await toggle.ClickAsync();
        await Expect(message.Locator("[data-test=quoted]")).ToContainTextAsync($"{tag}-track");
        await Expect(toggle).ToHaveTextAsync("Скрыть цитату");

        var eml = message.Locator("[data-test=eml-link]");
        await Expect(eml).ToHaveTextAsync("Исходное письмо (.eml)");
        var original = await page.Context.APIRequest.GetAsync((await eml.GetAttributeAsync("href"))!);
        Assert.Equal(200, original.Status);
        Assert.Contains($"Message-ID: <{tag}@example.com>", Encoding.UTF8.GetString(await original.BodyAsync()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Quarantined_mail_without_a_sender_is_listed_and_converted_into_a_ticket()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var (card, address) = await AddMailboxAsync(page);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var accepted = await PipeAsync(card, $"""
            To: {address}
            Subject: Без отправителя {tag}
            Message-ID: <{tag}@nowhere.example>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Письмо без поля From.
            """);
        Assert.Equal("quarantined", accepted.GetProperty("outcome").GetString());
        var inboundId = accepted.GetProperty("inboundEmailId").GetInt64();

        // The mailbox's status links to its quarantine.
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(card.Locator("[data-test=quarantined]")).ToHaveTextAsync("в карантине: 1");
        await card.Locator("[data-test=quarantined]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Входящие письма");
        var row = page.Locator($"[data-test=inbound-row][data-inbound='{inboundId}']");
        await Expect(row).ToContainTextAsync($"Без отправителя {tag}");
        await Expect(row.Locator("[data-test=inbound-from]")).ToHaveTextAsync("отправитель неизвестен");
        await Expect(row.Locator("[data-test=inbound-status]")).ToHaveTextAsync("в карантине");
        await Expect(row.Locator("[data-test=inbound-error]")).ToContainTextAsync("From");
        await Expect(page.Locator("[data-test=inbound-row]")).ToHaveCountAsync(1);

        await row.Locator("[data-test=convert]").ClickAsync();
        var customer = $"found-{tag}@example.com";
        await row.Locator("[data-test=convert-email]").FillAsync(customer);
        await row.Locator("[data-test=convert-confirm]").ClickAsync();
        await Expect(row.Locator("[data-test=inbound-status]")).ToHaveTextAsync("обработано");
        await row.Locator("[data-test=converted-ticket]").ClickAsync();

        await Expect(page.Locator("[data-test=ticket-subject]")).ToHaveTextAsync($"Без отправителя {tag}");
        await Expect(page.Locator("[data-test=message]").First).ToContainTextAsync("Письмо без поля From.");
        await Expect(page.Locator(".side")).ToContainTextAsync(customer);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_sees_auth_verdicts_and_an_imitation_warning_loads_blocked_images_and_gets_files_through_an_upload_link()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var (card, address) = await AddMailboxAsync(page);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var accepted = await PipeAsync(card, $"""
            From: "Otklik Support" <help-{tag}@otklik-billing.example>
            To: {address}
            Subject: Счёт {tag}
            Message-ID: <{tag}@otklik-billing.example>
            Authentication-Results: mx.otklik.test; spf=pass smtp.mailfrom=otklik-billing.example; dkim=fail header.d=otklik-billing.example; dmarc=fail header.from=otklik-billing.example
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            <p style="color:#1f497d;background:url(https://tracker.example/bg.gif)">Оплатите счёт <b>{tag}</b>.</p><img src="https://images.example/logo-{tag}.png" alt="logo">
            """);
        Assert.Equal("ticket", accepted.GetProperty("outcome").GetString());
        var ticketId = accepted.GetProperty("ticketId").GetInt64();

        await page.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(page);
        var message = page.Locator("[data-test=message]").First;
        await Expect(message.Locator("[data-test=auth-spf]")).ToHaveAttributeAsync("data-verdict", "pass");
        await Expect(message.Locator("[data-test=auth-dkim]")).ToHaveAttributeAsync("data-verdict", "fail");
        await Expect(message.Locator("[data-test=auth-dmarc]")).ToHaveAttributeAsync("data-verdict", "fail");
        await Expect(message.Locator("[data-test=email-warning]")).ToContainTextAsync($"имя отправителя выдаёт себя за «Otklik», но адрес — help-{tag}@otklik-billing.example");

        // The remote image (a tracking pixel as far as we know) waits for the agent; the CSS background never loads.
        var body = message.Locator("[data-test=message-body]");
        await Expect(body).ToContainTextAsync($"Оплатите счёт {tag}");
        await Expect(body.Locator($"img[src*='logo-{tag}']")).ToHaveCountAsync(0);
        Assert.DoesNotContain("tracker.example", await body.InnerHTMLAsync());
        await message.Locator("[data-test=load-images]").ClickAsync();
        await Expect(body.Locator($"img[src='https://images.example/logo-{tag}.png']")).ToHaveCountAsync(1);
        await Expect(message.Locator("[data-test=images-blocked]")).ToHaveCountAsync(0);

        // "The file did not arrive": the agent puts a one-time upload link into the reply, the customer uses it.
        await page.Locator("[data-test=upload-link]").ClickAsync();
        var reply = page.Locator("[data-test=reply-box]");
        await Expect(reply).ToHaveValueAsync(new Regex(@"Загрузить файлы можно по этой ссылке \(она действует 7 дней\): http\S+/upload/\S+"));
        var url = Regex.Match(await reply.InputValueAsync(), @"http\S+/upload/\S+").Value;

        var customer = await page.Context.Browser!.NewContextAsync(new() { Locale = "ru-RU", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "ru-RU" } });
        var upload = await customer.NewPageAsync();
        await upload.GotoAsync(url);
        await Expect(upload.Locator("label[for=files]")).ToHaveTextAsync("Файлы для вашего обращения");
        await upload.Locator("#files").SetInputFilesAsync(new FilePayload { Name = $"invoice-{tag}.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4 test") });
        await upload.Locator("button[type=submit]").ClickAsync();
        await Expect(upload.Locator("body")).Not.ToContainTextAsync("Файлы для вашего обращения");
        await upload.GotoAsync(url);
        await Expect(upload.Locator("h1")).ToHaveTextAsync("Ссылка недействительна");
        await customer.CloseAsync();

        // The file is on the ticket for the agent without a reload.
        await Expect(page.Locator("[data-test=attachment]", new() { HasText = $"invoice-{tag}.pdf" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    /// <summary>Adds a receive-by-pipe mailbox through the form; its card and address.</summary>
    private static async Task<(ILocator Card, string Address)> AddMailboxAsync(IPage page)
    {
        await page.GotoAsync("/admin/agents");
        await AppFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-test=nav-mailboxes]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Почтовые ящики");
        var address = $"support-{Guid.NewGuid():N}"[..20] + "@otklik.test";
        await page.Locator("[data-test=add-mailbox]").ClickAsync();
        var form = page.Locator("[data-test=mailbox-form]");
        await form.Locator("[data-test=mb-name]").FillAsync($"Поддержка {address}");
        await form.Locator("[data-test=mb-address]").FillAsync(address);
        await Expect(form.Locator("[data-test=mb-protocol]")).ToHaveValueAsync("none");
        await form.Locator("[data-test=mb-smtp-host]").FillAsync("127.0.0.1");
        await form.Locator("[data-test=mb-smtp-port]").FillAsync("9");
        await form.Locator("[data-test=mb-smtp-security]").SelectOptionAsync("none");
        await form.Locator("[data-test=save-mailbox]").ClickAsync();
        await Expect(page.Locator("[data-test=saved]")).ToContainTextAsync(address);
        var card = page.Locator("[data-test=mailbox-row]").Filter(new() { Has = page.Locator("[data-test=mailbox-address]", new() { HasText = address }) });
        await Expect(card).ToHaveCountAsync(1);
        return (card, address);
    }

    /// <summary>What an MTA does: the raw message, with the secret copied from the mailbox's card.</summary>
    private async Task<JsonElement> PipeAsync(ILocator card, string mail)
    {
        var url = await card.Locator("[data-test=pipe-url]").TextContentAsync();
        var secret = await card.Locator("[data-test=pipe-secret]").TextContentAsync();
        using var http = new HttpClient();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n")));
        body.Headers.ContentType = new("message/rfc822");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.Add("X-Otklik-Inbox-Secret", secret);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
