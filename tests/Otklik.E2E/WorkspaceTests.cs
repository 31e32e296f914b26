using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class WorkspaceTests(AppFixture app)
{
    private const string Anna = "anna@otklik.local";
    private const string Dmitry = "dmitry@otklik.local";

    [Fact]
    public async Task Reply_appears_live_for_a_colleague_who_sees_who_is_replying()
    {
        var admin = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var id = await AppFixture.OpenTicketAsync(admin);

        var anna = await app.SignInAsync(Anna, AppFixture.DemoPassword);
        await anna.GotoAsync($"/tickets/{id}");
        await AppFixture.WaitInteractiveAsync(anna);
        var messagesBefore = await anna.Locator("[data-test=message]").CountAsync();

        // Each sees the other on the ticket.
        await Expect(admin.Locator("[data-test=presence]")).ToContainTextAsync("Анна Смирнова");
        await Expect(anna.Locator("[data-test=presence]")).ToContainTextAsync("Administrator");

        var text = $"Проверили заказ, отправка завтра. {Guid.NewGuid():N}";
        await admin.Locator("[data-test=reply-box]").FillAsync(text);
        await Expect(anna.Locator("[data-test=presence-viewer].replying")).ToContainTextAsync("Administrator");

        await admin.Locator("[data-test=reply-box]").PressAsync("Control+Enter");
        await Expect(admin.Locator("[data-test=message][data-kind=outbound]").Filter(new() { HasText = text })).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-test=reply-box]")).ToHaveValueAsync("");

        // No reload on Anna's side: the circuit pushes the new message.
        await Expect(anna.Locator("[data-test=message]").Filter(new() { HasText = text })).ToBeVisibleAsync();
        await Expect(anna.Locator("[data-test=message]")).ToHaveCountAsync(messagesBefore + 1);
        await Expect(anna.Locator("[data-test=presence-viewer].replying")).ToHaveCountAsync(0);

        await admin.Context.CloseAsync();
        await anna.Context.CloseAsync();
    }

    [Fact]
    public async Task Composer_says_how_a_reply_travels_and_refuses_one_nothing_can_carry()
    {
        var page = await app.SignInAsync(Anna, AppFixture.DemoPassword);
        await AppFixture.OpenTicketAsync(page, deliverable: false);
        var route = page.Locator("[data-test=reply-route]");
        await Expect(route).ToHaveAttributeAsync("data-way", "none");
        await Expect(route).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Ответ не доставить|Cannot be delivered"));
        await page.Locator("[data-test=reply-box]").FillAsync("Ответ, которому некуда уйти");
        await Expect(page.Locator("[data-test=send-reply]")).ToBeDisabledAsync();
        await Expect(page.Locator("[data-test=send-solved]")).ToBeDisabledAsync();

        // A note never leaves the workspace, so it is always allowed.
        await page.Locator("[data-test=mode-note]").ClickAsync();
        await Expect(route).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test=send-reply]")).ToBeEnabledAsync();
        await page.Locator("[data-test=send-reply]").ClickAsync();
        await Expect(page.Locator("[data-test=message][data-kind=note]").Filter(new() { HasText = "Ответ, которому некуда уйти" })).ToBeVisibleAsync();

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Internal_note_is_marked_as_a_note()
    {
        var page = await app.SignInAsync(Anna, AppFixture.DemoPassword);
        await page.Locator("[data-test=ticket-row] [data-test=ticket-link]").First.ClickAsync();
        await Expect(page.Locator("[data-test=ticket]")).ToBeVisibleAsync();
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("i");
        await Expect(page.Locator("[data-test=reply-box]")).ToBeFocusedAsync();
        var text = $"Заметка для коллег {Guid.NewGuid():N}";
        await page.Keyboard.TypeAsync(text);
        await page.Locator("[data-test=send-reply]").ClickAsync();
        await Expect(page.Locator("[data-test=message][data-kind=note]").Filter(new() { HasText = text })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Switching_to_English_changes_the_interface()
    {
        var page = await app.SignInAsync(Dmitry, AppFixture.DemoPassword);
        await Expect(page.Locator("[data-test=nav-inbox]")).ToHaveTextAsync("Входящие");
        await Expect(page.Locator("[data-test=view][data-view=open] .name")).ToHaveTextAsync("Все открытые");

        await page.Locator("[data-test=lang-en]").ClickAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=nav-inbox]")).ToHaveTextAsync("Inbox");
        await Expect(page.Locator("[data-test=view][data-view=open] .name")).ToHaveTextAsync("All open");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Only_admins_can_open_agent_administration()
    {
        var agent = await app.SignInAsync(Dmitry, AppFixture.DemoPassword);
        await agent.GotoAsync("/admin/agents");
        await Expect(agent.Locator("[data-test=forbidden]")).ToBeVisibleAsync();
        await Expect(agent.Locator("[data-test=agent-list]")).ToHaveCountAsync(0);
        await agent.Context.CloseAsync();

        var admin = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await admin.GotoAsync("/admin/agents");
        await Expect(admin.Locator("[data-test=agent-row]").Filter(new() { HasText = Dmitry })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_walks_the_inbox_and_the_tickets_in_its_order()
    {
        var page = await app.SignInAsync(Anna, AppFixture.DemoPassword);
        var rows = page.Locator("[data-test=ticket-row]");
        await Expect(rows.Nth(1)).ToBeVisibleAsync();
        var first = await rows.Nth(0).GetAttributeAsync("data-ticket");
        var second = await rows.Nth(1).GetAttributeAsync("data-ticket");

        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("j");
        await Expect(rows.Nth(0)).ToHaveClassAsync("selected");
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=ticket]")).ToHaveAttributeAsync("data-ticket", first!);

        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator("[data-test=ticket]")).ToHaveAttributeAsync("data-ticket", second!);
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("[data-test=shortcuts]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-test=shortcuts]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
