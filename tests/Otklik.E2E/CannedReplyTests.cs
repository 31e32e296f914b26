using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class CannedReplyTests(AppFixture app)
{
    [Fact]
    public async Task Agent_saves_a_canned_reply_and_inserts_it_filled_in_for_the_ticket_by_slash_and_by_button()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AppFixture.AdminEmail, password = AppFixture.AdminPassword, name = "e2e canned" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        var surname = "Кудрявцева" + Guid.NewGuid().ToString("N")[..6];
        var created = await api.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Не пришёл заказ " + surname, customer = new { email = $"{surname}@customer.test", name = $"Варвара {surname}" },
            message = new { body = "Где мой заказ?" },
        });
        created.EnsureSuccessStatusCode();
        var ticketId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        // The agent writes her own canned reply on the management page, reached from the navigation.
        var page = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        try
        {
            await page.Locator("[data-test=nav-canned]").ClickAsync();
            await AppFixture.WaitInteractiveAsync(page);
            var title = "Заказ в пути " + surname;
            await page.Locator("[data-test=canned-title]").FillAsync(title);
            await page.Locator("[data-test=canned-body]").FillAsync("Здравствуйте, {{customer.first_name}}! Заказ по обращению №{{ticket.id}} уже в пути.");
            await page.Locator("[data-test=canned-save]").ClickAsync();
            await Expect(page.Locator("[data-test=canned-row]").Filter(new() { HasText = title })).ToHaveCountAsync(1);

            await page.GotoAsync($"/tickets/{ticketId}");
            await AppFixture.WaitInteractiveAsync(page);
            var box = page.Locator("[data-test=reply-box]");
            var expected = $"Здравствуйте, Варвара! Заказ по обращению №{ticketId} уже в пути.";

            // "/" in the empty box opens the list; the "/" does not stay in the reply.
            await box.PressSequentiallyAsync("/");
            await Expect(page.Locator("[data-test=canned-popup]")).ToBeVisibleAsync();
            await page.Locator("[data-test=canned-search]").FillAsync(surname);
            await Expect(page.Locator("[data-test=canned-item]")).ToHaveCountAsync(1);
            await page.Locator("[data-test=canned-item]").ClickAsync();
            await Expect(box).ToHaveValueAsync(expected);
            await Expect(page.Locator("[data-test=canned-popup]")).ToHaveCountAsync(0);

            // The button adds it again after what is written, as its own paragraph.
            await page.Locator("[data-test=canned-open]").ClickAsync();
            await page.Locator("[data-test=canned-search]").FillAsync(surname);
            await page.Locator("[data-test=canned-item]").ClickAsync();
            await Expect(box).ToHaveValueAsync(expected + "\n\n" + expected);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
