using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>What the visitor sees while agents hand the chat over and end it: live notes in the widget, then a fresh conversation.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatWidgetTransferTests(AppFixture app)
{
    [Fact]
    public async Task Transfer_InWidget_ShowsNewAgentLive_AndEnd_StartsANewTicket()
    {
        await using var shop = ShopSite.Start();
        using var api = await ChatKit.ApiAsync(app.BaseUrl);
        shop.Page = ChatKit.ShopPage(app.BaseUrl, await ChatKit.CreateWidgetAsync(api, shop, routing: "manual"));
        var colleague = "Виктория " + Guid.NewGuid().ToString("N")[..6];
        (await api.PostAsJsonAsync("/api/v1/agents", new
        {
            email = $"vika-{Guid.NewGuid():N}@e2e.test", name = colleague, role = "agent", password = AppFixture.DemoPassword, teamIds = Array.Empty<long>(),
        })).EnsureSuccessStatusCode();

        var visitor = await ChatKit.VisitorAsync(app.Browser, shop);
        await using var visitorContext = visitor.Context;
        var question = $"Нужен возврат за заказ 4412 {Guid.NewGuid():N}";
        await ChatKit.SendAsync(visitor, question);
        var ticketId = await ChatKit.FindTicketAsync(api, question);

        // The agent, in a browser context of their own, takes the chat and hands it to the colleague with a note.
        var agent = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await using var agentContext = agent.Context;
        await agent.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(agent);
        await agent.Locator("[data-test=chat-accept]").ClickAsync();
        await Expect(agent.Locator("[data-test=chat-accept]")).ToBeHiddenAsync();
        // Taken by hand from the queue, as by routing: the visitor learns who answers.
        await Expect(visitor.Locator("[data-test=chat-joined]")).ToContainTextAsync("Вам отвечает: ");
        await agent.Locator("[data-test=chat-controls] summary").ClickAsync();
        await agent.Locator("[data-test=chat-transfer-to]").SelectOptionAsync(new SelectOptionValue { Label = colleague });
        await agent.Locator("[data-test=chat-transfer-note]").FillAsync("Возврат по заказу 4412, чек уже есть");
        await agent.Locator("[data-test=chat-transfer]").ClickAsync();

        await Expect(visitor.Locator("[data-test=chat-transferred]")).ToHaveTextAsync("Ваш чат передан: Виктория.");
        var ticket = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(colleague, ticket.GetProperty("assignee").GetProperty("name").GetString());

        // Ended from the workspace: the widget clears and offers a new chat.
        var ended = visitor.Locator("[data-test=chat-ended]");
        await Expect(ended).ToBeHiddenAsync();
        await agent.Locator("[data-test=chat-end-agent]").ClickAsync();
        await Expect(ended).ToContainTextAsync("Чат завершён");
        await Expect(visitor.Locator("[data-test=chat-again]")).ToHaveTextAsync("Начать новый чат");
        await Expect(visitor.Locator("[data-test=chat-message]")).ToHaveCountAsync(0);
        await Expect(agent.Locator("[data-test=chat-not-live]")).ToBeVisibleAsync();
        // The timeline tells both steps in words, not as raw event names.
        await Expect(agent.Locator("[data-test=event-chat-transferred]")).ToContainTextAsync("Чат передан: ");
        await Expect(agent.Locator("[data-test=event-chat-transferred]")).ToContainTextAsync($"→ {colleague}");
        await Expect(agent.Locator("[data-test=event-chat-ended]")).ToHaveTextAsync("Чат завершил агент");

        await visitor.Locator("[data-test=chat-again]").ClickAsync();
        await Expect(ended).ToBeHiddenAsync();
        await Expect(visitor.Locator("[data-test=chat-input]")).ToBeFocusedAsync();
        var next = $"И ещё вопрос про доставку {Guid.NewGuid():N}";
        await ChatKit.SendAsync(visitor, next);
        await Expect(visitor.Locator("[data-test=chat-message][data-from=visitor]").Filter(new() { HasText = next }).Locator("[data-test=chat-mark]"))
            .ToHaveTextAsync("Доставлено");
        Assert.NotEqual(ticketId, await ChatKit.FindTicketAsync(api, next));
        await Expect(visitor.Locator("[data-test=chat-message]")).ToHaveCountAsync(1);

    }
}
