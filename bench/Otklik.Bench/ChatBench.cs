using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Otklik.Bench;

/// <summary>Send → the agent's client got it, for one paced pass.</summary>
/// <param name="AckP50Ms">Median time until the visitor's Send invocation returned (the message stored, for the app).</param>
public sealed record ChatLatency(string Name, int Sent, int Errors, int Lost, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double AckP50Ms, double AppCpuMsPerMessage, string? FirstError)
{
    public double PerSecond => Seconds > 0 ? Sent / Seconds : 0;
}

/// <summary>Resident memory of the server process with no visitor connected and with N idle visitors connected.</summary>
public sealed record ChatMemory(long IdleRssKb, long ConnectedRssKb, int Connections)
{
    public double KbPerConnection => Connections > 0 ? (ConnectedRssKb - IdleRssKb) / (double)Connections : 0;
}

public sealed record ChatSide(string Label, Summary Connect, ChatMemory Memory, ChatLatency First, ChatLatency Steady, string LoadDuring);

public sealed record ChatResult(string Provider, string Engine, BenchOptions Options, ChatSide App, ChatSide Echo, string LoadBefore, string LoadAfter)
{
    public string DocKey => Provider == "sqlite" ? "chat" : $"chat-{Provider}";
}

/// <summary>
/// The chat channel under load. N visitors open a widget session and the visitor hub (WebSockets, allowed Origin);
/// one agent is connected to /hubs/workspace. Visitors send at R messages/s in total, evenly spread over them; the
/// clock runs from just before the visitor's Send to the agent's "ticket" event (kind message.added) carrying the
/// message's id. The baseline, in the same run: a bare SignalR hub (bench/Otklik.Bench.EchoHub) in its own process,
/// the same number of connections and the same rate, that tells one "agent" connection about each message.
/// </summary>
public static class ChatBench
{
    public const string Origin = "https://shop.bench.example";
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(15);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<ChatResult> RunAsync(BenchOptions o, string provider, string engine)
    {
        var loadBefore = LoadAverage();
        Console.WriteLine($"  load average before: {loadBefore}");
        var app = await RunAppAsync(o, provider);
        var echo = await RunEchoAsync(o);
        var loadAfter = LoadAverage();
        Console.WriteLine($"  load average after: {loadAfter}");
        return new ChatResult(provider, engine, o, app, echo, loadBefore, loadAfter);
    }

    // ---------------------------------------------------------------- the app

    private static async Task<ChatSide> RunAppAsync(BenchOptions o, string provider)
    {
        var postgres = provider == "postgres";
        var dir = Path.Combine(o.WorkRoot, $"{provider}-chat");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var cs = postgres ? o.PostgresDatabase("bench_chat") : null;
        if (postgres) await PostgresBulk.RecreateDatabaseAsync(o.PostgresDatabase("postgres"), "bench_chat");

        // Every visitor comes from 127.0.0.1: the per-IP chat limits (10 new visitors, 120 sessions and 120 messages
        // a minute) would refuse the bench itself. They are not what is measured.
        const string high = "100000000";
        Console.WriteLine($"== chat: the app on {provider}");
        await using var app = await AppProcess.StartAsync(o, dir, cs,
        [
            ("Otklik__RateLimits__ChatSessionsPerMinute", high),
            ("Otklik__RateLimits__ChatNewVisitorsPerMinute", high),
            ("Otklik__RateLimits__ChatMessagesPerVisitorPerMinute", high),
            ("Otklik__RateLimits__ChatMessagesPerIpPerMinute", high),
        ]);
        using var widgetResponse = await app.Http.PostAsJsonAsync("/api/v1/admin/chat-widgets", new { name = "Bench chat", allowedOrigins = new[] { Origin } });
        var widgetBody = await widgetResponse.Content.ReadAsStringAsync();
        if ((int)widgetResponse.StatusCode != 201) throw new InvalidOperationException($"POST /admin/chat-widgets: {(int)widgetResponse.StatusCode} {widgetBody}");
        var key = JsonDocument.Parse(widgetBody).RootElement.GetProperty("publicKey").GetString()!;
        var bearer = app.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var baseUri = app.Http.BaseAddress!;

        // Widgets call the session endpoint without the agent's token.
        using var widgetHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

        async Task<HubConnection> Visitor(int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/api/{key}/session")
            {
                Content = JsonContent.Create(new { token = (string?)null, page = $"{Origin}/catalog/{i}", referrer = "https://search.example/?q=shop", language = "ru-RU" }),
            };
            request.Headers.Add("Origin", Origin);
            using var response = await widgetHttp.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"session: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            var token = JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
            var url = new Uri(baseUri, $"/hubs/visitor?key={Uri.EscapeDataString(key)}&visitor={Uri.EscapeDataString(token)}");
            var hub = new HubConnectionBuilder().WithUrl(url, c =>
            {
                c.Transports = HttpTransportType.WebSockets;
                c.SkipNegotiation = true;
                c.Headers["Origin"] = Origin;
            }).Build();
            await hub.StartAsync();
            return hub;
        }

        // The agent as the workspace connects: bearer token, joins "agents" on connect, gets "ticket" events.
        var agent = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hubs/workspace"), c =>
        {
            c.Transports = HttpTransportType.WebSockets;
            c.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
        }).Build();
        return await RunSideAsync(o, "Otklik", app.Pid, () => app.CpuTime, agent, Visitor);
    }

    // ---------------------------------------------------------------- the baseline

    private static string EchoDll(BenchOptions o) =>
        Path.Combine(o.RepoRoot, "bench", "Otklik.Bench.EchoHub", "bin", "Release", "net10.0", "Otklik.Bench.EchoHub.dll");

    private static async Task<ChatSide> RunEchoAsync(BenchOptions o)
    {
        var dll = EchoDll(o);
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build bench/Otklik.Bench in Release (it builds the echo hub).");
        var port = o.Port + 1;
        Console.WriteLine("== chat: the echo-hub baseline");
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in o.AppEnvironment) psi.Environment[k] = v;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the echo hub.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  echo: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}");
            using (var http = new HttpClient { BaseAddress = baseUri })
            {
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (true)
                {
                    if (process.HasExited) throw new InvalidOperationException($"The echo hub exited with {process.ExitCode}.");
                    try
                    {
                        if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) break;
                    }
                    catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                    {
                    }
                    await Task.Delay(200);
                }
            }

            Task<HubConnection> Visitor(int i)
            {
                var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUri, $"/hubs/echo?visitor={i}"), c =>
                {
                    c.Transports = HttpTransportType.WebSockets;
                    c.SkipNegotiation = true;
                    c.Headers["Origin"] = Origin;
                }).Build();
                return hub.StartAsync().ContinueWith(t => { t.GetAwaiter().GetResult(); return hub; });
            }

            var agent = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hubs/echo?role=agent"), c =>
            {
                c.Transports = HttpTransportType.WebSockets;
                c.SkipNegotiation = true;
            }).Build();
            TimeSpan Cpu()
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
            return await RunSideAsync(o, "Echo hub", process.Id, Cpu, agent, Visitor);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    // ---------------------------------------------------------------- the same steps on both

    private sealed record LiveEvent(string Kind, long TicketId, long? MessageId);

    private sealed record SentMessage(long Id);

    private static async Task<ChatSide> RunSideAsync(BenchOptions o, string label, int pid, Func<TimeSpan> cpu, HubConnection agent,
        Func<int, Task<HubConnection>> connectVisitor)
    {
        var received = new ConcurrentDictionary<long, long>();
        agent.On<LiveEvent>("ticket", e =>
        {
            if (e.Kind == "message.added" && e.MessageId is { } id) received.TryAdd(id, Stopwatch.GetTimestamp());
        });
        await agent.StartAsync();
        var visitors = new HubConnection[o.Visitors];
        try
        {
            // A few visitors connect and leave first, so the idle figure is taken with those code paths compiled.
            var pre = Math.Min(50, o.Visitors);
            await Load.RunAsync(new Recorder("pre"), 0, pre, o.ChatConnectConcurrency, async (_, i) => await (await connectVisitor(1_000_000 + i)).DisposeAsync());
            var idle = await SettledRssKbAsync(pid);
            Console.WriteLine($"  {label}: {idle:N0} KB resident with no visitor connected");

            var connect = new Recorder($"{label}: connect a visitor");
            var clock = Stopwatch.StartNew();
            await Load.RunAsync(connect, 0, o.Visitors, o.ChatConnectConcurrency, async (_, i) => visitors[i] = await connectVisitor(i));
            var connected = visitors.Count(v => v is { State: HubConnectionState.Connected });
            Console.WriteLine($"  {label}: {connected}/{o.Visitors} visitors connected in {clock.Elapsed.TotalSeconds:F1} s");
            var full = await SettledRssKbAsync(pid);
            var memory = new ChatMemory(idle, full, connected);
            Console.WriteLine($"  {label}: {full:N0} KB resident with {connected} idle visitors: {memory.KbPerConnection:F1} KB per connection");

            var live = visitors.Where(v => v is { State: HubConnectionState.Connected }).ToArray();
            var run = Guid.NewGuid().ToString("N")[..8];
            // The first message of each visitor opens its ticket (the expensive one): one pass at the same rate.
            var first = await PacedAsync($"{label}: first message (opens the ticket)", live, live.Length, o.ChatRate, $"{run}-first", received, cpu);
            Print(first);
            await PacedAsync("warm-up", live, o.ChatWarmupSeconds * o.ChatRate, o.ChatRate, $"{run}-warm", received, cpu);
            var loadStart = LoadAverage();
            var steady = await PacedAsync($"{label}: message in an open chat", live, o.ChatSeconds * o.ChatRate, o.ChatRate, $"{run}-steady", received, cpu);
            var loadDuring = LoadAverage();
            Print(steady);
            Console.WriteLine($"  load average at start / end of the measured pass: {loadStart} / {loadDuring}");
            return new ChatSide(label, connect.ToSummary(), memory, first, steady, loadDuring);
        }
        finally
        {
            await Task.WhenAll(visitors.Where(v => v is not null).Select(v => v.DisposeAsync().AsTask()));
            await agent.DisposeAsync();
        }
    }

    private static void Print(ChatLatency l) => Console.WriteLine(string.Format(Inv,
        "  {0}: {1} sent in {2:F1} s ({3:F0}/s), {4} errors, {5} lost; send → agent p50 {6:F1} ms, p95 {7:F1}, p99 {8:F1}, max {9:F1}; Send returned p50 {10:F1} ms; server CPU {11:F2} ms/msg",
        l.Name, l.Sent, l.Seconds, l.PerSecond, l.Errors, l.Lost, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, l.AckP50Ms, l.AppCpuMsPerMessage));

    /// <summary>
    /// Sends `count` messages at `rate` per second in total (open loop: the schedule does not wait for answers),
    /// message k from visitor k mod N, each with a unique client id and text; then waits for the agent's events.
    /// </summary>
    private static async Task<ChatLatency> PacedAsync(string name, HubConnection[] visitors, int count, int rate, string prefix,
        ConcurrentDictionary<long, long> received, Func<TimeSpan> cpu)
    {
        var sentAt = new long[count];
        var ackAt = new long[count];
        var ids = new long[count];
        var errors = 0;
        string? firstError = null;
        var tasks = new Task[count];
        var cpuBefore = cpu();
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < count; k++)
        {
            var due = k * 1000.0 / rate;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var n = k;
            tasks[k] = Task.Run(async () =>
            {
                var clientId = $"{prefix}-{n}";
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var m = await visitors[n % visitors.Length].InvokeAsync<SentMessage>("Send", clientId, $"Bench {clientId}: где мой заказ {n}?");
                    ackAt[n] = Stopwatch.GetTimestamp();
                    sentAt[n] = start;
                    ids[n] = m.Id;
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= e.Message;
                }
            });
        }
        var sendSeconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Drain && ids.Any(id => id > 0 && !received.ContainsKey(id))) await Task.Delay(50);
        var used = cpu() - cpuBefore;

        var latencies = new List<double>(count);
        var acks = new List<double>(count);
        var lost = 0;
        for (var k = 0; k < count; k++)
        {
            if (ids[k] == 0) continue;
            acks.Add(Stopwatch.GetElapsedTime(sentAt[k], ackAt[k]).TotalMilliseconds);
            if (received.TryGetValue(ids[k], out var at)) latencies.Add(Stopwatch.GetElapsedTime(sentAt[k], at).TotalMilliseconds);
            else lost++;
        }
        latencies.Sort();
        acks.Sort();
        if (firstError is not null) Console.WriteLine($"  ! {name}: {errors} errors, first: {firstError}");
        return new ChatLatency(name, count, errors, lost, sendSeconds, Pct(latencies, 0.50), Pct(latencies, 0.95), Pct(latencies, 0.99),
            latencies.Count > 0 ? latencies[^1] : 0, Pct(acks, 0.50), count > 0 ? used.TotalMilliseconds / count : 0, firstError);
    }

    private static double Pct(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>
    /// VmRSS of the process once it has been left alone: 5 s of quiet, then the smallest of five readings a second
    /// apart (a collection in between returns memory; garbage not yet collected only makes the figure higher).
    /// </summary>
    private static async Task<long> SettledRssKbAsync(int pid)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var min = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            min = Math.Min(min, RssKb(pid));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return min;
    }

    public static long RssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], Inv);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
