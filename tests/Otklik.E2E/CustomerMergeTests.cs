using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class CustomerMergeTests(AppFixture app)
{
    private async Task<HttpClient> ApiAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AppFixture.AdminEmail, password = AppFixture.AdminPassword, name = "e2e customers" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return http;
    }

    private static async Task<long> TicketCustomerAsync(HttpClient api, string email, string name, string channel, string subject)
    {
        var response = await api.PostAsJsonAsync("/api/v1/tickets", new { subject, channel, customer = new { email, name }, message = new { body = subject } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customer").GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Supervisor_sees_a_duplicate_merges_it_sees_one_history_and_undoes_agent_only_sees_it()
    {
        using var api = await ApiAsync();
        var login = "marina" + Guid.NewGuid().ToString("N")[..8];
        var byEmail = await TicketCustomerAsync(api, $"{login}@gmail.com", "Марина Орлова", "email", "Не пришёл заказ " + login);
        var byChat = await TicketCustomerAsync(api, $"{login[..3]}.{login[3..]}+shop@gmail.com", "Марина О.", "chat", "Чат про заказ " + login);

        // A frontline agent sees the suggestion but leaves merging to a supervisor.
        var agentPage = await app.SignInAsync("olga@otklik.local", AppFixture.DemoPassword);
        await agentPage.GotoAsync($"/customers/{byEmail}");
        await AppFixture.WaitInteractiveAsync(agentPage);
        var seen = agentPage.Locator($"[data-test=duplicate][data-customer=\"{byChat}\"]");
        await Expect(seen).ToBeVisibleAsync();
        await Expect(seen.Locator("[data-test=merge-here]")).ToHaveCountAsync(0);
        await agentPage.Context.CloseAsync();

        var page = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await page.GotoAsync($"/customers/{byEmail}");
        await AppFixture.WaitInteractiveAsync(page);
        var history = page.Locator("[data-test=customer-history] [data-test=history-item]");
        await Expect(history).ToHaveCountAsync(1);
        var suggestion = page.Locator($"[data-test=duplicate][data-customer=\"{byChat}\"]");
        await Expect(suggestion.Locator("[data-test=duplicate-reason]")).ToHaveAttributeAsync("data-code", "same_email_other_form");
        await Expect(suggestion).ToContainTextAsync("Тот же email в другом написании");

        await suggestion.Locator("[data-test=merge-here]").ClickAsync();
        // One history: both conversations, newest first, each with its channel.
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToHaveAttributeAsync("data-channel", "chat");
        await Expect(history.Nth(0).Locator("[data-test=history-channel]")).ToHaveTextAsync("Чат");
        await Expect(history.Nth(1)).ToHaveAttributeAsync("data-channel", "email");
        await Expect(page.Locator($"[data-test=duplicate][data-customer=\"{byChat}\"]")).ToHaveCountAsync(0);
        var entry = page.Locator("[data-test=merge-entry]");
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("Марина О.");

        // The moved chat's own page shows the whole history in the customer panel too.
        await history.Nth(0).Locator("a").ClickAsync();
        await AppFixture.WaitInteractiveAsync(page);
        var panelHistory = page.Locator("[data-test=customer-panel] [data-test=history-item]");
        await Expect(panelHistory).ToHaveCountAsync(1);
        await Expect(panelHistory.First).ToHaveAttributeAsync("data-channel", "email");
        await Expect(page.Locator("[data-test=event-customer]")).ToContainTextAsync($"#{byChat} → #{byEmail}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "otklik-merged-ticket.png"), FullPage = true });
        await page.GoBackAsync();
        await AppFixture.WaitInteractiveAsync(page);

        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "otklik-merged-customer.png"), FullPage = true });
        await entry.Locator("[data-test=undo-merge]").ClickAsync();
        await Expect(entry.Locator("[data-test=merge-undone]")).ToBeVisibleAsync();
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToHaveAttributeAsync("data-channel", "email");
        await Expect(page.Locator($"[data-test=duplicate][data-customer=\"{byChat}\"]")).ToHaveCountAsync(1);
        var chatCustomer = await (await api.GetAsync($"/api/v1/customers/{byChat}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, chatCustomer.GetProperty("mergedIntoId").ValueKind);
        await page.Context.CloseAsync();
    }
}
