using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class PagesTests(AppFixture app)
{
    [Fact]
    public async Task Every_workspace_page_renders_for_an_admin()
    {
        var page = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        (string Url, string Selector)[] pages =
        [
            ("/views/unassigned", "[data-test=ticket-list]"),
            ("/search?q=заказ", "[data-test=hit]"),
            ("/customers", "[data-test=customer-row]"),
            ("/customers/1", "[data-test=customer-form]"),
            ("/admin/agents", "[data-test=agent-row]"),
            ("/admin/teams", "[data-test=team-row]"),
            ("/admin/tags", "[data-test=tag-row]"),
            ("/admin/fields", "[data-test=field-row]"),
            ("/admin/inboxes", "[data-test=inbox-row]"),
            ("/admin/webhooks", "[data-test=webhook-form]"),
            ("/admin/mailboxes", "[data-test=add-mailbox]"),
            ("/admin/inbound-emails", "[data-test=quarantine-filters]"),
            ("/settings/tokens", "[data-test=token-form]"),
        ];
        foreach (var (url, selector) in pages)
        {
            await page.GotoAsync(url);
            await AppFixture.WaitInteractiveAsync(page);
            await Expect(page.Locator(selector).First).ToBeVisibleAsync();
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Api_token_is_shown_once_and_can_be_revoked()
    {
        var page = await app.SignInAsync("olga@otklik.local", AppFixture.DemoPassword);
        await page.GotoAsync("/settings/tokens");
        await AppFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-test=token-name]").FillAsync("CRM sync");
        await page.Locator("[data-test=token-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=new-token] code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\S{20,}"));
        await Expect(page.Locator("[data-test=token-row]").Filter(new() { HasText = "CRM sync" })).ToHaveCountAsync(1);

        await page.Locator("[data-test=token-row]").Filter(new() { HasText = "CRM sync" }).Locator("[data-test=revoke-token]").ClickAsync();
        await Expect(page.Locator("[data-test=token-row]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=new-token]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task View_counts_follow_a_colleagues_change_without_reload()
    {
        var watcher = await app.SignInAsync("maria@otklik.local", AppFixture.DemoPassword);
        // Maria is a plain agent: count what she can see, and change one of those tickets as a supervisor.
        await watcher.GotoAsync("/views/open");
        await AppFixture.WaitInteractiveAsync(watcher);
        var solvedCount = watcher.Locator("[data-test=view][data-view=solved] [data-test=view-count]");
        var before = int.Parse(await solvedCount.InnerTextAsync());
        var ticketId = await watcher.Locator("[data-test=ticket-row]").First.GetAttributeAsync("data-ticket");

        var anna = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await anna.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(anna);
        await anna.Locator("[data-test=prop-status]").SelectOptionAsync("solved");
        await Expect(anna.Locator("[data-test=ticket-head-status], .ticket-head [data-test=status]")).ToHaveTextAsync("Решено");

        await Expect(solvedCount).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 10_000 });
        await Expect(watcher.Locator($"[data-test=ticket-row][data-ticket='{ticketId}']")).ToHaveCountAsync(0);
        await watcher.Context.CloseAsync();
        await anna.Context.CloseAsync();
    }

    [Fact]
    public async Task Current_filter_can_be_saved_as_a_view()
    {
        var page = await app.SignInAsync("john@otklik.local", AppFixture.DemoPassword);
        await page.Locator("[data-test=filter-status]").SelectOptionAsync("pending");
        await page.Locator("[data-test=save-view-toggle]").ClickAsync();
        await page.Locator("[data-test=view-name]").FillAsync("Waiting on customers");
        await page.Locator("[data-test=save-view] button[type=submit]").ClickAsync();
        var view = page.Locator("[data-test=view]").Filter(new() { HasText = "Waiting on customers" });
        await Expect(view).ToHaveClassAsync("active");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Waiting on customers");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invited_agent_signs_in_with_the_password_shown_once()
    {
        var admin = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await admin.GotoAsync("/admin/agents");
        await AppFixture.WaitInteractiveAsync(admin);
        var form = admin.Locator("[data-test=invite-form]");
        await form.Locator("input[type=email]").FillAsync("new.agent@e2e.test");
        await form.Locator("input:not([type=email])").First.FillAsync("Новый Агент");
        await form.Locator("button[type=submit]").ClickAsync();
        var password = await admin.Locator("[data-test=generated-password] code").InnerTextAsync();
        await Expect(admin.Locator("[data-test=agent-row]").Filter(new() { HasText = "new.agent@e2e.test" })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();

        var agent = await app.SignInAsync("new.agent@e2e.test", password.Trim());
        await Expect(agent.Locator("[data-test=me]")).ToHaveTextAsync("Новый Агент");
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_profile_edits_are_saved()
    {
        var page = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await page.GotoAsync("/customers/2");
        await AppFixture.WaitInteractiveAsync(page);
        var form = page.Locator("[data-test=customer-form]");
        await form.Locator("input").First.FillAsync("Клиент Переименован");
        await form.Locator("input[type=checkbox]").SetCheckedAsync(true);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Клиент Переименован");
        await Expect(page.Locator("h1 .vip")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Клиент Переименован");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Load_more_appends_the_next_page_of_the_view()
    {
        var page = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await page.GotoAsync("/views/open");
        await AppFixture.WaitInteractiveAsync(page);
        var rows = page.Locator("[data-test=ticket-row]");
        await Expect(rows).ToHaveCountAsync(50);
        var firstPage = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.ticket)");

        await page.Locator("[data-test=load-more]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(100);
        var both = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.ticket)");
        Assert.Equal(firstPage, both.Take(50));
        Assert.Equal(100, both.Distinct().Count());
        await page.Context.CloseAsync();
    }
}
