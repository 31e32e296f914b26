using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

    private readonly StringBuilder _log = new();
    private Process? _app;
    private DirectoryInfo? _dir;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _dir = Directory.CreateTempSubdirectory("otklik-e2e-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { AppDll(), "--urls", BaseUrl, "--demo" }) start.ArgumentList.Add(a);
        start.Environment["Otklik__Admin__Email"] = AdminEmail;
        start.Environment["Otklik__Admin__Password"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Every scenario signs in from 127.0.0.1; the production limit (10/min per IP) is for password guessing.
        start.Environment["Otklik__RateLimits__SignInPerMinute"] = "1000";
        _app = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _app.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _app.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        await WaitReadyAsync();

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
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = "ru-RU", TimezoneId = "Europe/Moscow", StorageState = state,
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
            lock (_signedIn) _signedIn[email] = state;
        }
        await WaitInteractiveAsync(page);
        return page;
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

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_app!.HasExited) throw new InvalidOperationException("Otklik exited during start:\n" + Log);
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("Otklik did not become ready in 90 s:\n" + Log);
    }

    private static string AppDll()
    {
        // tests/Otklik.E2E/bin/<Configuration>/net10.0 → src/Otklik/bin/<Configuration>/net10.0
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Otklik.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
        var dll = Path.Combine(root.FullName, "src", "Otklik", "bin", configuration, "net10.0", "Otklik.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Otklik first", dll);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        try { _dir?.Delete(recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
