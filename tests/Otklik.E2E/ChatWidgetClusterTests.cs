using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>
/// Two Otklik processes as one cluster (PostgreSQL + Redis): the shop's widget talks to node A, the agent's workspace
/// runs on node B, as a load balancer may spread them. Everything still happens live, both ways.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChatWidgetClusterTests(AppFixture app, TwoNodeFixture nodes) : IClassFixture<TwoNodeFixture>
{
    [Fact]
    public async Task WidgetOnNodeA_AndWorkspaceOnNodeB_TalkLive()
    {
        await using var shop = ShopSite.Start();
        using var api = await ChatKit.ApiAsync(nodes.A.BaseUrl);
        shop.Page = ChatKit.ShopPage(nodes.A.BaseUrl, await ChatKit.CreateWidgetAsync(api, shop));
        var (agent, _) = await AppFixture.SignInAsync(app.Browser, nodes.B.BaseUrl, AppFixture.AdminEmail, AppFixture.AdminPassword);
        // Closed however the scenario ends: an agent left online would change what the next scenario's widget promises.
        await using var agentContext = agent.Context;

        // The agent has the workspace open on B: the widget on A promises a fast answer.
        var visitor = await ChatKit.VisitorAsync(app.Browser, shop);
        await using var visitorContext = visitor.Context;
        await Expect(visitor.Locator("[data-test=chat-status]")).ToContainTextAsync("Обычно отвечаем в течение", new() { Timeout = 15_000 });
        var question = $"Где мой заказ? {Guid.NewGuid():N}";
        await ChatKit.SendAsync(visitor, question);
        var ticketId = await ChatKit.FindTicketAsync(api, question);

        await agent.GotoAsync($"/tickets/{ticketId}");
        await AppFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator("[data-test=message]").Filter(new() { HasText = question })).ToBeVisibleAsync();
        // Written on A while the page is open on B: it appears without a reload.
        var more = $"Номер заказа 4412 {Guid.NewGuid():N}";
        await ChatKit.SendAsync(visitor, more);
        await Expect(agent.Locator("[data-test=message]").Filter(new() { HasText = more })).ToBeVisibleAsync();
        await Expect(agent.Locator("[data-test=chat-visitor]")).ToContainTextAsync(shop.Origin + "/cart");

        // Replied on B: the visitor on A sees it live, and their marks say it was read.
        var answer = $"Заказ 4412 уже в пути {Guid.NewGuid():N}";
        await agent.Locator("[data-test=reply-box]").FillAsync(answer);
        await agent.Locator("[data-test=reply-box]").PressAsync("Control+Enter");
        await Expect(visitor.Locator("[data-test=chat-message][data-from=agent]").Filter(new() { HasText = answer })).ToBeVisibleAsync();
        await Expect(visitor.Locator("[data-test=chat-message][data-from=visitor]").Filter(new() { HasText = more }).Locator("[data-test=chat-mark]"))
            .ToHaveTextAsync("Прочитано");

    }
}
