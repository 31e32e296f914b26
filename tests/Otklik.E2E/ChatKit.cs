using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Otklik.E2E;

/// <summary>What the chat scenarios share: the admin's API, a widget for the shop, the shop page with the snippet, a visitor's browser.</summary>
public static class ChatKit
{
    public static async Task<HttpClient> ApiAsync(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AppFixture.AdminEmail, password = AppFixture.AdminPassword, name = "e2e chat" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return http;
    }

    /// <summary>
    /// A widget the shop may embed (optionally writing by email through an inbox's mailbox); returns its public key.
    /// Routing "manual" keeps new chats in the queue for an agent to accept, whoever else is online in other tests.
    /// </summary>
    public static async Task<string> CreateWidgetAsync(HttpClient api, ShopSite shop, long? emailInboxId = null, string routing = "auto")
    {
        var widget = await (await api.PostAsJsonAsync("/api/v1/admin/chat-widgets",
                new { name = "Shop chat " + Guid.NewGuid().ToString("N")[..6], allowedOrigins = new[] { shop.Origin }, emailInboxId, routing }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return widget.GetProperty("publicKey").GetString()!;
    }

    /// <summary>The shop's page with the snippet from the admin page, loading the widget from <paramref name="otklik"/>.</summary>
    public static string ShopPage(string otklik, string key) =>
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Магазин</title></head><body><h1>Магазин</h1>"
        + $"<script src=\"{otklik}/widget.js\" data-inbox=\"{key}\" async></script></body></html>";

    /// <summary>A visitor (Russian browser) on the shop's page with the chat panel open.</summary>
    public static async Task<IPage> VisitorAsync(IBrowser browser, ShopSite shop, string path = "/cart")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        context.SetDefaultTimeout(15_000);
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync(shop.Origin + path);
        await visitor.Locator("[data-test=chat-launcher]").ClickAsync();
        return visitor;
    }

    /// <summary>Types a message in the widget and sends it with Enter.</summary>
    public static async Task SendAsync(IPage visitor, string text)
    {
        await visitor.Locator("[data-test=chat-input]").FillAsync(text);
        await visitor.Locator("[data-test=chat-input]").PressAsync("Enter");
    }

    public static async Task<long> FindTicketAsync(HttpClient api, string text)
    {
        for (var i = 0; i < 75; i++)
        {
            var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/tickets?limit=50");
            foreach (var t in list.GetProperty("items").EnumerateArray())
                if (t.GetProperty("subject").GetString() == text && t.GetProperty("channel").GetString() == "chat") return t.GetProperty("id").GetInt64();
            await Task.Delay(200);
        }
        throw new TimeoutException("The chat ticket did not appear.");
    }
}
