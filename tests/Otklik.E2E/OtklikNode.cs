using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Otklik.E2E;

/// <summary>
/// One real Otklik process on a free port, started from the built src/Otklik, with its output kept for failure messages.
/// The single app of most scenarios and each node of the cluster scenario are both one of these.
/// </summary>
public sealed class OtklikNode : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    public string BaseUrl { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    private OtklikNode(string workingDirectory, IReadOnlyDictionary<string, string> settings, bool demo)
    {
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { AppDll(), "--urls", BaseUrl }) start.ArgumentList.Add(a);
        if (demo) start.ArgumentList.Add("--demo");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Settings are written "Otklik:Section:Key" like appsettings; the process reads them from its environment.
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the process and returns once /health/ready answers (the schema is migrated).</summary>
    public static async Task<OtklikNode> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings, bool demo = false)
    {
        var node = new OtklikNode(workingDirectory, settings, demo);
        try
        {
            await node.WaitReadyAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("Otklik exited during start:\n" + Log);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
