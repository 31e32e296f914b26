using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>
/// The widget embedded on a shop page served from another origin (a second small HTTP server):
/// the visitor writes, an agent answers in the workspace, the visitor sees it live and after a reload.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChatWidgetTests(AppFixture app)
{
    [Fact]
    public async Task Visitor_on_another_site_and_agent_talk_live()
    {
        await using var shop = ShopSite.Start();
        using var api = await ChatKit.ApiAsync(app.BaseUrl);
        shop.Page = ChatKit.ShopPage(app.BaseUrl, await ChatKit.CreateWidgetAsync(api, shop));

        // An agent is in the workspace: the widget promises a fast answer.
        var agent = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var visitorContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        visitorContext.SetDefaultTimeout(15_000);
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(shop.Origin + "/cart");
        var launcher = visitor.Locator("[data-test=chat-launcher]");
        await launcher.ClickAsync();
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(visitor.Locator("[data-test=chat-status]")).ToContainTextAsync("Обычно отвечаем в течение");
        await Expect(visitor.Locator("[data-test=chat-input]")).ToBeFocusedAsync();

        var question = $"Где мой заказ? {Guid.NewGuid():N}";
        await visitor.Locator("[data-test=chat-input]").FillAsync(question);
        await visitor.Locator("[data-test=chat-input]").PressAsync("Enter");
        var mine = visitor.Locator("[data-test=chat-message][data-from=visitor]").Filter(new() { HasText = question });
        await Expect(mine.Locator("[data-test=chat-mark]")).ToHaveTextAsync("Доставлено");
        // The widget routes automatically (the default): the agent online gets the chat and the visitor is told who answers.
        await Expect(visitor.Locator("[data-test=chat-joined]")).ToContainTextAsync("Вам отвечает: ");

        // The agent finds the chat in the same list as email, opens it and sees where the visitor is.
        var ticketId = await ChatKit.FindTicketAsync(api, question);
        await agent.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator("[data-test=message]").Filter(new() { HasText = question })).ToBeVisibleAsync();
        await Expect(agent.Locator("[data-test=ticket-channel]")).ToHaveTextAsync("Чат");
        await Expect(agent.Locator("[data-test=visitor-page]")).ToContainTextAsync(shop.Origin + "/cart");
        // Opening the conversation marks the visitor's message read.
        await Expect(mine.Locator("[data-test=chat-mark]")).ToHaveTextAsync("Прочитано");

        var answer = $"Заказ уже в пути, подробности: https://shop.example/track {Guid.NewGuid():N}";
        await agent.Locator("[data-test=reply-box]").FillAsync(answer);
        await Expect(visitor.Locator("[data-test=chat-typing]")).ToContainTextAsync("печатает");
        await agent.Locator("[data-test=reply-box]").PressAsync("Control+Enter");
        var reply = visitor.Locator("[data-test=chat-message][data-from=agent]").Filter(new() { HasText = "Заказ уже в пути" });
        await Expect(reply).ToBeVisibleAsync();
        var link = reply.Locator("a");
        await Expect(link).ToHaveAttributeAsync("href", "https://shop.example/track");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");

        // A reload keeps the conversation (the token is in localStorage).
        await visitor.ReloadAsync();
        await visitor.Locator("[data-test=chat-launcher]").ClickAsync();
        await Expect(visitor.Locator("[data-test=chat-message]").Filter(new() { HasText = question })).ToBeVisibleAsync();
        await Expect(visitor.Locator("[data-test=chat-message]").Filter(new() { HasText = "Заказ уже в пути" })).ToBeVisibleAsync();
        await Expect(visitor.Locator("[data-test=chat-message]")).ToHaveCountAsync(2);

        await visitorContext.CloseAsync();
        await agent.Context.CloseAsync();
    }
}
