using Microsoft.Playwright;
using Xunit;

namespace Otklik.E2E;

/// <summary>
/// Starts the real Otklik process with demo data in a fresh directory, and one headless
/// Debian Chromium that every scenario opens its own contexts in.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "e2e-admin-pass-1";
    public const string DemoPassword = "demo-password-1";

    /// <summary>A chat reply the widget has not confirmed goes by email after this long (2 minutes in production).</summary>
    public const int ChatFollowUpSeconds = 3;

    private OtklikNode? _app;
    private DirectoryInfo? _dir;
    private IPlaywright? _playwright;

    public string BaseUrl => _app?.BaseUrl ?? "";
    public IBrowser Browser { get; private set; } = default!;
    public string Log => _app?.Log ?? "";

    /// <summary>What every Otklik process of these tests runs with, whatever its database.</summary>
    public static Dictionary<string, string> Settings() => new()
    {
        ["Otklik:Admin:Email"] = AdminEmail,
        ["Otklik:Admin:Password"] = AdminPassword,
        // Every scenario signs in from 127.0.0.1; the production limit (10/min per IP) is for password guessing.
        ["Otklik:RateLimits:SignInPerMinute"] = "1000",
        ["Otklik:Chat:FollowUpSeconds"] = ChatFollowUpSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("otklik-e2e-");
        _app = await OtklikNode.StartAsync(_dir.FullName, Settings(), demo: true);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private readonly Dictionary<string, string> _signedIn = [];

    /// <summary>
    /// A fresh browser context signed in as the given agent, on the inbox, with the circuit connected.
    /// The first time per agent goes through the sign-in form; later contexts reuse its cookies, which keeps the run short.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password)
    {
        string? state;
        lock (_signedIn) _signedIn.TryGetValue(email, out state);
        var (page, signedIn) = await SignInAsync(Browser, BaseUrl, email, password, state);
        lock (_signedIn) _signedIn[email] = signedIn;
        return page;
    }

    /// <summary>A new context on the workspace at <paramref name="baseUrl"/>, through the sign-in form unless a stored state is given.</summary>
    public static async Task<(IPage Page, string State)> SignInAsync(IBrowser browser, string baseUrl, string email, string password, string? state = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, Locale = "ru-RU", TimezoneId = "Europe/Moscow", StorageState = state,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (state is not null)
        {
            await page.GotoAsync("/");
        }
        else
        {
            await page.GotoAsync("/login");
            await page.FillAsync("input[name=email]", email);
            await page.FillAsync("input[name=password]", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/login"));
            state = await context.StorageStateAsync();
        }
        await WaitInteractiveAsync(page);
        return (page, state);
    }

    /// <summary>
    /// Opens, from the inbox the page shows, the first ticket whose public reply can reach the customer ("email",
    /// "chat", "integration"), or with way "none" the first that cannot. The demo's email, phone and Telegram inboxes
    /// have no mailbox that sends, so replies there are refused; its chats are answered in the widget.
    /// </summary>
    public static async Task<string> OpenTicketAsync(IPage page, bool deliverable = true)
    {
        await page.Locator("[data-test=ticket-row]").First.WaitForAsync();
        var ids = await page.Locator("[data-test=ticket-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ticket)");
        foreach (var id in ids)
        {
            await page.GotoAsync($"/tickets/{id}");
            await WaitInteractiveAsync(page);
            var route = page.Locator("[data-test=reply-route]");
            await route.WaitForAsync();
            if ((await route.GetAttributeAsync("data-way") != "none") == deliverable) return id;
        }
        throw new InvalidOperationException($"No ticket on the inbox's first page with deliverable = {deliverable}.");
    }

    /// <summary>Clicks on prerendered HTML are lost; the layout flags when the Blazor circuit renders.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        try { _dir?.Delete(recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
