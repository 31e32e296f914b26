using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class OrganisationTests(AppFixture app)
{
    [Fact]
    public async Task Organisation_created_on_the_customer_page_shows_on_the_ticket_customer_card()
    {
        var page = await app.SignInAsync("olga@otklik.local", AppFixture.DemoPassword);
        await page.Locator("[data-test=ticket-row] [data-test=ticket-link]").First.ClickAsync();
        var ticketUrl = page.Url;
        var card = page.Locator("[data-test=customer-panel]");
        var customerLink = card.Locator("h2 a");
        await Expect(customerLink).ToBeVisibleAsync();
        await customerLink.ClickAsync();
        await Expect(page.Locator("[data-test=customer-form]")).ToBeVisibleAsync();

        var org = $"ООО Ромашка {Guid.NewGuid():N}"[..20];
        await page.Locator("[data-test=new-org-toggle]").ClickAsync();
        await page.Locator("[data-test=new-org-name]").FillAsync(org);
        await page.Locator("[data-test=new-org-domain]").FillAsync("romashka.example");
        await page.Locator("[data-test=new-org-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=new-org-form]")).ToHaveCountAsync(0);
        var picker = page.Locator("[data-test=organisation-picker]");
        await Expect(picker.Locator("option:checked")).ToHaveTextAsync($"{org} (romashka.example)");
        await Expect(page.Locator("[data-test=org-picked]")).ToContainTextAsync(org);

        await page.Locator("[data-test=customer-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=customer-form] .ok")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(picker.Locator("option:checked")).ToHaveTextAsync($"{org} (romashka.example)");

        await page.GotoAsync(ticketUrl);
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=customer-organisation]")).ToHaveTextAsync(org);

        // Picking "—" takes the customer out of the organisation again.
        await page.GotoAsync(await customerLink.GetAttributeAsync("href") ?? "");
        await AppFixture.WaitInteractiveAsync(page);
        await picker.SelectOptionAsync("");
        await page.Locator("[data-test=customer-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=customer-form] .ok")).ToBeVisibleAsync();
        await page.GotoAsync(ticketUrl);
        await AppFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-test=customer-organisation]")).ToHaveTextAsync("—");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Organisation_with_a_bad_domain_is_refused_inline()
    {
        var page = await app.SignInAsync("olga@otklik.local", AppFixture.DemoPassword);
        await page.GotoAsync("/customers/3");
        await AppFixture.WaitInteractiveAsync(page);
        var options = await page.Locator("[data-test=organisation-picker] option").CountAsync();
        await page.Locator("[data-test=new-org-toggle]").ClickAsync();
        await page.Locator("[data-test=new-org-name]").FillAsync("Без домена");
        await page.Locator("[data-test=new-org-domain]").FillAsync("not a domain");
        await page.Locator("[data-test=new-org-form] button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-test=new-org-form] [data-test=error]")).ToContainTextAsync("domain");
        await Expect(page.Locator("[data-test=organisation-picker] option")).ToHaveCountAsync(options);
        await page.Context.CloseAsync();
    }
}
