using System.Net.Http.Json;

namespace Otklik.Bench;

/// <summary>
/// Ticket creates through the HTTP API against the same rows inserted raw, same database kind, same
/// concurrency. The two alternate in rounds, so a change in the machine's load hits both alike.
/// </summary>
public static class WriteBench
{
    public const int Rounds = 3;

    /// <summary>App CPU per create in the first and in the last fifth of the warm-up: how much of a cold start is the JIT's.</summary>
    public sealed record Warmup(double FirstCpuMs, double LastCpuMs);

    public static async Task<(List<Summary> Results, double AppCpuMsPerCreate, Warmup Warmup)> RunAsync(BenchOptions o, string provider)
    {
        var postgres = provider == "postgres";
        var dir = Path.Combine(o.WorkRoot, $"{provider}-write");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var dbFile = Path.Combine(dir, "data", "otklik.db");
        var cs = postgres ? o.PostgresDatabase("bench_write") : null;
        if (postgres) await PostgresBulk.RecreateDatabaseAsync(o.PostgresDatabase("postgres"), "bench_write");

        var api = new Recorder("Create ticket (API)");
        var raw = new Recorder("Create ticket (raw SQL)");
        await using var app = await AppProcess.StartAsync(o, dir, cs);
        await using RawWriter writer = postgres
            ? await PostgresRawWriter.OpenAsync(cs!, o.Concurrency)
            : await SqliteRawWriter.OpenAsync(dbFile, o.Concurrency);
        Task Post(int w, int i) => PostTicketAsync(app.Http, i);
        Task Insert(int w, int i) => writer.InsertAsync(w, i, "raw");

        var warmup = await WarmUpAsync(o, app, Post);
        await Load.RunAsync(new Recorder("warm-up"), 0, o.Warmup, o.Concurrency, Insert);
        var perRound = o.Creates / Rounds;
        Console.WriteLine($"  {Rounds} rounds of {perRound} API creates and {perRound} raw inserts, {o.Concurrency} clients each...");
        var appCpu = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            var first = o.Warmup + round * perRound;
            var cpu = app.CpuTime;
            await Load.RunAsync(api, first, perRound, o.Concurrency, Post);
            appCpu += app.CpuTime - cpu;
            await Load.RunAsync(raw, first, perRound, o.Concurrency, Insert);
        }
        var cpuPerCreate = appCpu.TotalMilliseconds / (perRound * Rounds);
        Console.WriteLine($"  app CPU per API create: {cpuPerCreate:F1} ms");
        return ([api.ToSummary(), raw.ToSummary()], cpuPerCreate, warmup);
    }

    private static async Task<Warmup> WarmUpAsync(BenchOptions o, AppProcess app, Func<int, int, Task> post)
    {
        const int Parts = 5;
        var cpuMs = new double[Parts];
        for (var part = 0; part < Parts; part++)
        {
            int first = o.Warmup * part / Parts, count = o.Warmup * (part + 1) / Parts - first;
            var cpu = app.CpuTime;
            await Load.RunAsync(new Recorder("warm-up"), first, count, o.Concurrency, post);
            cpuMs[part] = count == 0 ? 0 : (app.CpuTime - cpu).TotalMilliseconds / count;
        }
        Console.WriteLine($"  warm-up, {o.Warmup} API creates: app CPU per create by fifths {string.Join(" → ", cpuMs.Select(c => c.ToString("F1")))} ms");
        return new Warmup(cpuMs[0], cpuMs[^1]);
    }

    private static async Task PostTicketAsync(HttpClient http, int i)
    {
        var request = new
        {
            subject = TextGen.Subject(i),
            customer = new { email = TextGen.Email(i, "api"), name = TextGen.Name(i) },
            message = new { body = TextGen.Body(i) },
        };
        using var response = await http.PostAsJsonAsync("/api/v1/tickets", request);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"POST /tickets: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
