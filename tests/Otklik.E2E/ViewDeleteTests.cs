using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class ViewDeleteTests(AppFixture app)
{
    private const string Dmitry = "dmitry@otklik.local";

    [Fact]
    public async Task Own_view_is_deleted_only_after_confirming()
    {
        var page = await app.SignInAsync(Dmitry, AppFixture.DemoPassword);
        var name = $"Ждём ответа {Guid.NewGuid():N}"[..20];
        await SaveViewAsync(page, name, shared: false);
        var item = Item(page, name);

        await item.Locator("[data-test=delete-view]").ClickAsync();
        await Expect(page.Locator("[data-test=confirm-delete-view]")).ToContainTextAsync(name);
        await page.Locator("[data-test=cancel-delete]").ClickAsync();
        await Expect(page.Locator("[data-test=confirm-delete-view]")).ToHaveCountAsync(0);
        await Expect(item).ToHaveCountAsync(1);

        await item.Locator("[data-test=delete-view]").ClickAsync();
        await page.Locator("[data-test=confirm-delete]").ClickAsync();
        // The deleted view was the one on screen, so the inbox falls back to all open tickets.
        // Poll the address instead of waiting for a load event: Blazor navigates inside the page.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/views/open$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Все открытые");
        await Expect(item).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=view][data-view=open]")).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shared_view_can_be_deleted_by_an_admin_but_not_by_an_agent()
    {
        var admin = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var name = $"Общее {Guid.NewGuid():N}"[..16];
        await SaveViewAsync(admin, name, shared: true);

        var agent = await app.SignInAsync(Dmitry, AppFixture.DemoPassword);
        await Expect(Item(agent, name)).ToHaveCountAsync(1);
        await Expect(Item(agent, name).Locator("[data-test=delete-view]")).ToHaveCountAsync(0);
        // Dmitry's own built-in views carry no delete button either.
        await Expect(agent.Locator(".views li").Filter(new() { Has = agent.Locator("[data-view=open]") }).Locator("[data-test=delete-view]")).ToHaveCountAsync(0);

        // Deleting a view that is not on screen keeps the current one.
        await admin.GotoAsync("/views/solved");
        await AppFixture.WaitInteractiveAsync(admin);
        await Item(admin, name).Locator("[data-test=delete-view]").ClickAsync();
        await admin.Locator("[data-test=confirm-delete]").ClickAsync();
        await Expect(Item(admin, name)).ToHaveCountAsync(0);
        Assert.EndsWith("/views/solved", admin.Url);

        await agent.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator("[data-test=view][data-view=open]")).ToBeVisibleAsync();
        await Expect(Item(agent, name)).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        await agent.Context.CloseAsync();
    }

    private static ILocator Item(IPage page, string name) =>
        page.Locator(".views li").Filter(new() { Has = page.Locator("[data-test=view]", new() { HasText = name }) });

    private static async Task SaveViewAsync(IPage page, string name, bool shared)
    {
        await page.Locator("[data-test=save-view-toggle]").ClickAsync();
        await page.Locator("[data-test=view-name]").FillAsync(name);
        if (shared) await page.Locator("[data-test=save-view] input[type=checkbox]").SetCheckedAsync(true);
        await page.Locator("[data-test=save-view] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=view]").Filter(new() { HasText = name })).ToHaveClassAsync("active");
    }
}
