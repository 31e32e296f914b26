using System.Net.Http.Json;

namespace Otklik.Bench;

/// <summary>Ticket creates through the HTTP API against the same rows inserted raw, same database kind, same concurrency.</summary>
public static class WriteBench
{
    public static async Task<List<Summary>> RunAsync(BenchOptions o, string provider)
    {
        var postgres = provider == "postgres";
        var dir = Path.Combine(o.WorkRoot, $"{provider}-write");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var dbFile = Path.Combine(dir, "data", "otklik.db");
        var cs = postgres ? o.PostgresDatabase("bench_write") : null;
        if (postgres) await PostgresBulk.RecreateDatabaseAsync(o.PostgresDatabase("postgres"), "bench_write");

        var results = new List<Summary>();
        await using (var app = await AppProcess.StartAsync(o.AppDll, dir, cs, o.Port))
        {
            Task Create(int worker, int i, string prefix) => PostTicketAsync(app.Http, i, prefix);
            await Load.RunAsync("warm-up", o.Warmup, o.Concurrency, (w, i) => Create(w, i, "warm"));
            Console.WriteLine($"  API creates: {o.Creates} with {o.Concurrency} clients...");
            results.Add(await Load.RunAsync("Create ticket (API)", o.Creates, o.Concurrency, (w, i) => Create(w, i, "api")));
        }
        Console.WriteLine($"  raw inserts: {o.Creates} with {o.Concurrency} connections...");
        await using (RawWriter raw = postgres
                         ? await PostgresRawWriter.OpenAsync(cs!, o.Concurrency)
                         : await SqliteRawWriter.OpenAsync(dbFile, o.Concurrency))
        {
            await Load.RunAsync("raw warm-up", o.Warmup, o.Concurrency, (w, i) => raw.InsertAsync(w, i, "rawwarm"));
            results.Add(await Load.RunAsync("Create ticket (raw SQL)", o.Creates, o.Concurrency, (w, i) => raw.InsertAsync(w, i, "raw")));
        }
        return results;
    }

    private static async Task PostTicketAsync(HttpClient http, int i, string prefix)
    {
        var request = new
        {
            subject = TextGen.Subject(i),
            customer = new { email = TextGen.Email(i, prefix), name = TextGen.Name(i) },
            message = new { body = TextGen.Body(i) },
        };
        using var response = await http.PostAsJsonAsync("/api/v1/tickets", request);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"POST /tickets: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
