using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

/// <summary>Web forms and callback requests: the customer's hosted pages and the agent's side of them.</summary>
[Collection(AppCollection.Name)]
public sealed class WebFormPagesTests(AppFixture app)
{
    /// <summary>The time-to-fill check wants a few seconds between showing a form and sending it, as a person takes.</summary>
    private static Task FillTimeAsync() => Task.Delay(TimeSpan.FromSeconds(3.3));

    private async Task<HttpClient> AdminApiAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AppFixture.AdminEmail, password = AppFixture.AdminPassword, name = "e2e forms" });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return http;
    }

    private async Task<(long Id, string Name)> CreateInboxAsync(HttpClient api, string channel)
    {
        var name = $"Сайт {Guid.NewGuid():N}"[..14];
        var response = await api.PostAsJsonAsync("/api/v1/inboxes", new { name, channel });
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), name);
    }

    private async Task<IPage> VisitorAsync()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "ru-RU", TimezoneId = "Europe/Moscow" });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task Admin_switches_a_form_on_a_visitor_sends_it_in_Russian_and_the_agent_opens_the_ticket()
    {
        using var api = await AdminApiAsync();
        var (inboxId, inboxName) = await CreateInboxAsync(api, "webform");

        var admin = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await admin.GotoAsync("/admin/forms");
        await AppFixture.WaitInteractiveAsync(admin);
        var card = admin.Locator($"[data-test=webform-card][data-inbox='{inboxId}']");
        await Expect(card.Locator("h2")).ToContainTextAsync(inboxName);
        await card.Locator("[data-test=wf-enabled]").CheckAsync();
        await card.Locator("[data-test=wf-title]").FillAsync("Поддержка магазина");
        await card.Locator("[data-test=wf-mode-phone]").SelectOptionAsync("optional");
        await card.Locator("[data-test=wf-save]").ClickAsync();
        var link = card.Locator("[data-test=wf-page-url]");
        await Expect(link).ToHaveTextAsync(new Regex($"^{Regex.Escape(app.BaseUrl)}/form/[0-9a-f]{{16}}$"));
        await Expect(card.Locator("[data-test=wf-embed]")).ToHaveValueAsync(new Regex("^<iframe src=\".*/form/[0-9a-f]{16}\\?embed=1\""));
        var url = await link.TextContentAsync();

        var visitor = await VisitorAsync();
        await visitor.GotoAsync(url!);
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Поддержка магазина");
        await visitor.Locator("#f-name").FillAsync("Мария Петрова");
        await visitor.Locator("#f-email").FillAsync($"maria-{Guid.NewGuid():N}"[..18] + "@example.ru");
        await visitor.Locator("#f-phone").FillAsync("8 (916) 700-11-22");
        await visitor.Locator("#f-subject").FillAsync("Не пришёл заказ");
        await visitor.Locator("#f-message").FillAsync("Заказ №5521 должен был прийти вчера. <script>alert('x')</script>");
        await FillTimeAsync();
        await visitor.Locator("[data-test=send]").ClickAsync();
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Спасибо! Ваше обращение у нас");
        await Expect(visitor.Locator("[data-test=expected]")).ToHaveTextAsync("Ответим в течение 24 часов.");
        var number = await visitor.Locator("[data-test=ticket-number]").TextContentAsync();
        await visitor.Context.CloseAsync();

        await admin.GotoAsync($"/tickets/{number}");
        await AppFixture.WaitInteractiveAsync(admin);
        await Expect(admin.Locator("[data-test=ticket-subject]")).ToHaveTextAsync("Не пришёл заказ");
        await Expect(admin.Locator("[data-test=message]").First).ToContainTextAsync("Заказ №5521 должен был прийти вчера. <script>alert('x')</script>");
        await Expect(admin.Locator(".side")).ToContainTextAsync("+79167001122");
        await Expect(admin.Locator(".side")).ToContainTextAsync("Мария Петрова");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer_asks_for_a_callback_and_the_agent_logs_no_answer_then_reached()
    {
        using var api = await AdminApiAsync();
        var (inboxId, _) = await CreateInboxAsync(api, "phone");
        var saved = await api.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { callbackEnabled = true });
        saved.EnsureSuccessStatusCode();
        var key = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        var tomorrow = DateTime.UtcNow.AddHours(3).AddDays(1);
        var phone = "+7916" + Random.Shared.Next(1_000_000, 9_999_999);

        var visitor = await VisitorAsync();
        await visitor.GotoAsync($"/form/{key}/callback");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Перезвоните мне");
        await Expect(visitor.Locator("#f-timeZone")).ToHaveValueAsync("Europe/Moscow"); // the browser's zone
        await visitor.Locator("#f-name").FillAsync("Олег");
        await visitor.Locator("#f-phone").FillAsync(phone);
        await visitor.Locator("#f-date").FillAsync(tomorrow.ToString("yyyy-MM-dd"));
        await visitor.Locator("#f-from").FillAsync("10:00");
        await visitor.Locator("#f-to").FillAsync("12:00");
        await visitor.Locator("#f-comment").FillAsync("Вопрос по счёту");
        await FillTimeAsync();
        await visitor.Locator("[data-test=request-call]").ClickAsync();
        await Expect(visitor.Locator("[data-test=callback-when]")).ToContainTextAsync("10:00–12:00");
        var number = await visitor.Locator("[data-test=ticket-number]").TextContentAsync();
        await visitor.Context.CloseAsync();

        var agent = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        await agent.GotoAsync("/callbacks");
        await AppFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator($"[data-test=callback-row][data-ticket='{number}']")).ToHaveAttributeAsync("data-overdue", "false");
        await agent.Locator($"[data-test=callback-row][data-ticket='{number}'] [data-test=ticket-link]").ClickAsync();

        var task = agent.Locator("[data-test=call-task]");
        await Expect(task.Locator("[data-test=call-phone]")).ToHaveAttributeAsync("href", "tel:" + phone);
        await Expect(task.Locator("[data-test=call-window]")).ToContainTextAsync("10:00–12:00");
        await task.Locator("[data-test=call-outcome]").SelectOptionAsync("no_answer");
        await task.Locator("[data-test=call-note]").FillAsync("Не берёт трубку");
        await task.Locator("[data-test=log-call]").ClickAsync();
        await Expect(task.Locator("[data-test=call-attempts]")).ToHaveTextAsync("1");
        await Expect(task.Locator("[data-test=call-attempt]")).ToContainTextAsync("Не ответил");
        await Expect(agent.Locator("[data-test=event-call]").First).ToContainTextAsync("Звонок: Не ответил");

        await task.Locator("[data-test=call-outcome]").SelectOptionAsync("reached");
        await task.Locator("[data-test=call-solve]").CheckAsync();
        await task.Locator("[data-test=log-call]").ClickAsync();
        await Expect(task).ToHaveAttributeAsync("data-open", "false");
        await Expect(task.Locator("[data-test=call-done]")).ToHaveTextAsync("Дозвонились");
        await Expect(agent.Locator("[data-test=prop-status]")).ToHaveValueAsync("solved");
        await Expect(agent.Locator("[data-test=call-attempt]")).ToHaveCountAsync(2);

        await agent.GotoAsync("/callbacks");
        await AppFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator($"[data-test=callback-row][data-ticket='{number}']")).ToHaveCountAsync(0);
        await agent.Context.CloseAsync();
    }
}
