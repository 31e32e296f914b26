using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Otklik.Bench;

/// <summary>The real Otklik app as a separate process, with a signed-in HTTP client.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "bench-admin@otklik.test";
    public const string AdminPassword = "Bench-Passw0rd-2026!";

    private readonly Process _process;
    public HttpClient Http { get; }

    /// <summary>CPU time the app process has used so far (user + kernel).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The app's process id (its memory is read from /proc).</summary>
    public int Pid => _process.Id;

    private AppProcess(Process process, HttpClient http) => (_process, Http) = (process, http);

    /// <param name="postgres">A connection string for PostgreSQL, or null for SQLite under workDir/data.</param>
    /// <param name="environment">Settings for this scenario only; --app-env still wins.</param>
    public static async Task<AppProcess> StartAsync(BenchOptions o, string workDir, string? postgres, IEnumerable<(string Key, string Value)>? environment = null)
    {
        Directory.CreateDirectory(workDir);
        var psi = new ProcessStartInfo("dotnet", [o.AppDll, "--urls", $"http://127.0.0.1:{o.Port}"])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["Otklik__Admin__Email"] = AdminEmail;
        psi.Environment["Otklik__Admin__Password"] = AdminPassword;
        psi.Environment["Otklik__RateLimits__ApiPerMinute"] = "100000000";
        psi.Environment["Otklik__RateLimits__SignInPerMinute"] = "1000";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        if (postgres is not null)
        {
            psi.Environment["Otklik__Database__Provider"] = "Postgres";
            psi.Environment["Otklik__Database__ConnectionString"] = postgres;
        }
        foreach (var (key, value) in environment ?? []) psi.Environment[key] = value;
        foreach (var (key, value) in o.AppEnvironment) psi.Environment[key] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the app.");
        var log = new StreamWriter(Path.Combine(workDir, "app.log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{o.Port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var app = new AppProcess(process, http);
        try
        {
            await app.WaitHealthyAsync();
            var token = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = AdminEmail, password = AdminPassword, name = "bench" });
            token.EnsureSuccessStatusCode();
            var body = await token.Content.ReadFromJsonAsync<TokenResponse>() ?? throw new InvalidOperationException("No token.");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}; see app.log.");
            try
            {
                if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private sealed record TokenResponse(string Token);
}
