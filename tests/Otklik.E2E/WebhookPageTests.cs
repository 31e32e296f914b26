using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class WebhookPageTests(AppFixture app)
{
    [Fact]
    public async Task Admin_creates_a_webhook_sees_its_secret_once_pauses_and_deletes_it()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await page.GotoAsync("/admin/agents");
        await AppFixture.WaitInteractiveAsync(page);
        await page.Locator(".subnav a[href='/admin/webhooks']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Вебхуки");

        var url = $"http://127.0.0.1:9/hook-{Guid.NewGuid():N}";
        var form = page.Locator("[data-test=webhook-form]");
        await form.Locator("[data-test=webhook-url]").FillAsync(url);
        await form.Locator("input[data-event='ticket.created']").CheckAsync();
        await form.Locator("input[data-event='message.created']").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("[data-test=new-webhook-secret] code")).ToHaveTextAsync(new Regex("^whsec_[0-9a-f]{48}$"));
        var row = page.Locator("[data-test=webhook-row]").Filter(new() { HasText = url });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("ticket.created");
        await Expect(row).ToContainTextAsync("message.created");
        await Expect(row).Not.ToContainTextAsync("ticket.merged");
        await Expect(row.Locator("[data-test=webhook-active]")).ToHaveTextAsync("Активен");

        await row.Locator("[data-test=toggle-webhook]").ClickAsync();
        await Expect(row.Locator("[data-test=webhook-active]")).ToHaveTextAsync("Приостановлен");

        // The secret lives only in that one response: a fresh visit lists the webhook without it.
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(row.Locator("[data-test=webhook-active]")).ToHaveTextAsync("Приостановлен");
        await Expect(page.Locator("[data-test=new-webhook-secret]")).ToHaveCountAsync(0);
        await row.Locator("[data-test=toggle-webhook]").ClickAsync();
        await Expect(row.Locator("[data-test=webhook-active]")).ToHaveTextAsync("Активен");

        await row.Locator("[data-test=delete-webhook]").ClickAsync();
        await row.Locator("[data-test=confirm-delete]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invalid_address_is_refused_and_nothing_is_created()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await page.GotoAsync("/admin/webhooks");
        await AppFixture.WaitInteractiveAsync(page);
        var before = await page.Locator("[data-test=webhook-row]").CountAsync();
        // type=url accepts ftp:, the server does not.
        await page.Locator("[data-test=webhook-url]").FillAsync("ftp://example.com/hook");
        await page.Locator("[data-test=webhook-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=error]")).ToContainTextAsync("url");
        await Expect(page.Locator("[data-test=new-webhook-secret]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=webhook-row]")).ToHaveCountAsync(before);
        await page.Context.CloseAsync();
    }
}
