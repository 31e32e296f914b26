using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
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
        using var api = await ApiAsync();
        var widget = await (await api.PostAsJsonAsync("/api/v1/admin/chat-widgets", new { name = "Shop chat " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = new[] { shop.Origin } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var key = widget.GetProperty("publicKey").GetString()!;
        shop.Page = $"<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Магазин</title></head><body><h1>Магазин</h1>"
                    + $"<script src=\"{app.BaseUrl}/widget.js\" data-inbox=\"{key}\" async></script></body></html>";

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
        var ticketId = await FindTicketAsync(api, question);
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

    private async Task<HttpClient> ApiAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AppFixture.AdminEmail, password = AppFixture.AdminPassword, name = "e2e chat" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return http;
    }

    private static async Task<long> FindTicketAsync(HttpClient api, string text)
    {
        for (var i = 0; i < 50; i++)
        {
            var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/tickets?limit=50");
            foreach (var t in list.GetProperty("items").EnumerateArray())
                if (t.GetProperty("subject").GetString() == text && t.GetProperty("channel").GetString() == "chat") return t.GetProperty("id").GetInt64();
            await Task.Delay(200);
        }
        throw new TimeoutException("The chat ticket did not appear.");
    }
}

/// <summary>The customer's own website: another port, so another origin than Otklik.</summary>
internal sealed class ShopSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public string Origin { get; }
    public string Page { get; set; } = "<!doctype html><p>empty</p>";

    private ShopSite()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Origin = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public static ShopSite Start() => new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            var body = Encoding.UTF8.GetBytes(Page);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
