using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Otklik.Bench;

public sealed record ProviderResult(string Provider, string Engine, int Tickets, BenchOptions Options, List<Summary> Writes, List<Summary> Reads, double AppCpuMsPerCreate,
    WriteBench.Warmup? Warmup);

/// <summary>Prints the figures and keeps docs/benchmarks.md up to date, one marked section per provider.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Section(ProviderResult r)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### {r.Engine} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Creates: {o.Creates} measured after {o.Warmup} warm-up creates through each path, {o.Concurrency} concurrent clients. " +
                           $"Reads: {r.Tickets:N0} bulk-loaded tickets, {o.Reads} requests per scenario with 1 and with {o.ReadConcurrency} concurrent clients.");
        sb.AppendLine();
        sb.AppendLine("| Scenario [clients] | Requests | Per second | p50 ms | p95 ms | p99 ms | Errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Writes) sb.AppendLine(Row(s with { Name = $"{s.Name} [{o.Concurrency}]" }));
        foreach (var s in r.Reads) sb.AppendLine(Row(s));
        sb.AppendLine();
        foreach (var line in Targets(r)) sb.AppendLine(Inv, $"- {line}");
        return sb.ToString();
    }

    public static IEnumerable<string> Targets(ProviderResult r)
    {
        var api = r.Writes.FirstOrDefault(s => s.Name.Contains("API"));
        var raw = r.Writes.FirstOrDefault(s => s.Name.Contains("raw"));
        if (api is not null && raw is not null)
        {
            var ratio = api.PerSecond / raw.PerSecond;
            yield return string.Format(Inv, "API / raw creates per second: {0:F0} / {1:F0} = **{2:P0}** (target ≥ 25%: {3}); app CPU {4:F1} ms per create",
                api.PerSecond, raw.PerSecond, ratio, Met(ratio >= 0.25), r.AppCpuMsPerCreate);
            if (r.Warmup is { } w)
                yield return string.Format(Inv, "App CPU per create during the warm-up: {0:F1} ms in its first fifth, {1:F1} ms in its last (tiered JIT settling)",
                    w.FirstCpuMs, w.LastCpuMs);
        }
        foreach (var s in r.Reads.Where(s => s.Name.StartsWith("Inbox:") && !s.Name.Contains("raw SQL")))
            yield return string.Format(Inv, "{0} p95 {1:F1} ms (target < 100 ms: {2})", s.Name, s.P95Ms, Met(s.P95Ms < 100 && s.Errors == 0));
        foreach (var s in r.Reads.Where(s => s.Name.StartsWith("Search")))
            yield return string.Format(Inv, "{0} p95 {1:F1} ms (target < 200 ms: {2})", s.Name, s.P95Ms, Met(s.P95Ms < 200 && s.Errors == 0));
    }

    private static string Met(bool ok) => ok ? "**met**" : "**missed**";

    private static string Row(Summary s) => string.Format(Inv,
        "| {0} | {1} | {2:F0} | {3:F1} | {4:F1} | {5:F1} | {6} |", s.Name, s.Count, s.PerSecond, s.P50Ms, s.P95Ms, s.P99Ms, s.Errors);

    public static string EmailSection(EmailResult r, BenchOptions o)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### Email — {r.Engine} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        var clients = r.Loads.FirstOrDefault()?.Clients ?? o.Concurrency;
        sb.AppendLine(Inv, $"Pipe: per size, a warm-up ({string.Join(" / ", r.Loads.Select(l => l.Warmup))}) then the measured messages, POSTed raw to " +
                           $"`/api/v1/mail/inbound/{{inboxId}}` by {clients} concurrent clients, alternating in {EmailBench.Rounds} rounds with " +
                           $"MimeKit `MimeMessage.Load` of the same bytes on {clients} threads in the bench process.");
        sb.AppendLine();
        sb.AppendLine("| Scenario [clients] | Messages | Per second | p50 ms | p95 ms | p99 ms | Errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var l in r.Loads)
        {
            sb.AppendLine(Row(l.Ingest with { Name = $"{l.Ingest.Name} [{l.Clients}]" }));
            sb.AppendLine(Row(l.Parse with { Name = $"{l.Parse.Name} [{l.Clients} threads]" }));
        }
        sb.AppendLine();
        foreach (var l in r.Loads)
            sb.AppendLine(string.Format(Inv, "- {0} (average {1:F1} KB): ingested / parsed = {2:F0} / {3:F0} msg/s = **{4:P1}**; app CPU {5:F1} ms per message; " +
                                             "replies threaded onto their parent's ticket {6}/{7}; outcomes: {8}",
                l.Label, l.AvgKb, l.Ingest.PerSecond, l.Parse.PerSecond, l.Ratio, l.AppCpuMsPerMessage, l.Threaded, l.Replies,
                string.Join(", ", l.Outcomes.Select(x => $"{x.Key} {x.Value}"))));
        if (r.Provider == "postgres" && r.Loads.FirstOrDefault(l => l.Label == "~20 KB") is { } small)
            sb.AppendLine(string.Format(Inv, "- ~20 KB mail through the pipe: {0:F0} msg/s (target ≥ 200 msg/s on PostgreSQL: {1})",
                small.Ingest.PerSecond, Met(small.Ingest.PerSecond >= 200 && small.Ingest.Errors == 0)));
        if (r.Idle is { } i)
            sb.AppendLine(string.Format(Inv, "- IMAP IDLE, SMTP send → ticket visible through the API ({0} messages one at a time, `GET /api/v1/tickets?limit=1` " +
                                             "polled every {1} ms): p50 {2:F0} ms, p95 {3:F0} ms, max {4:F0} ms, {5} not visible within 30 s (target p95 < 5 s: {6}). " +
                                             "Medians: SMTP send {7:F0} ms; send → stored in the inbound ledger {8:F0} ms; stored → processed {9:F0} ms",
                i.Count, i.PollMs, i.P50Ms, i.P95Ms, i.MaxMs, i.Missed, Met(i.P95Ms < 5000 && i.Missed == 0), i.SmtpP50Ms, i.ToStoredP50Ms, i.ProcessingP50Ms));
        else sb.AppendLine(Inv, $"- IMAP IDLE latency: {r.IdleNote}");
        return sb.ToString();
    }

    public static string Machine(IEnumerable<string> engineNames)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() : null;
        var engines = string.Join(", ", engineNames);
        return $"{Environment.ProcessorCount} logical CPUs ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
               $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB RAM, {RuntimeInformation.OSDescription}, " +
               $"{RuntimeInformation.FrameworkDescription}; {engines}. Load generator, app and database share the machine.";
    }

    public static string ChatSection(ChatResult r)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### Chat — {r.Engine} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(Inv, $"{o.Visitors} visitors on WebSockets, {o.ChatRate} messages/s in total (each visitor every {o.Visitors / (double)o.ChatRate:0.#} s), " +
                           $"one agent connection; a first message per visitor (opens its ticket), {o.ChatWarmupSeconds} s unmeasured, then {o.ChatSeconds} s measured. " +
                           $"Load average (1, 5, 15 min) before the run {r.LoadBefore}, after it {r.LoadAfter}.");
        sb.AppendLine();
        sb.AppendLine("| Scenario | Messages | Per second | p50 ms | p95 ms | p99 ms | max ms | Lost | Errors | Send returned p50 ms | Server CPU ms/msg |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in new[] { r.App.First, r.App.Steady, r.Echo.First, r.Echo.Steady })
            sb.AppendLine(string.Format(Inv, "| {0} | {1} | {2:F0} | {3:F1} | {4:F1} | {5:F1} | {6:F1} | {7} | {8} | {9:F1} | {10:F2} |",
                l.Name, l.Sent, l.PerSecond, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, l.Lost, l.Errors, l.AckP50Ms, l.AppCpuMsPerMessage));
        sb.AppendLine();
        sb.AppendLine("| Server | Connected | Connects/s | Connect p50 ms | p95 ms | Resident, none connected | Resident, all idle | Per idle connection |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var side in new[] { r.App, r.Echo })
            sb.AppendLine(string.Format(Inv, "| {0} | {1}/{2} | {3:F0} | {4:F1} | {5:F1} | {6:N0} KB | {7:N0} KB | {8:F1} KB |",
                side.Label, side.Memory.Connections, o.Visitors, side.Connect.PerSecond, side.Connect.P50Ms, side.Connect.P95Ms,
                side.Memory.IdleRssKb, side.Memory.ConnectedRssKb, side.Memory.KbPerConnection));
        sb.AppendLine();
        double Ratio(double a, double b) => b > 0 ? a / b : 0;
        sb.AppendLine(string.Format(Inv, "- App / echo hub, message in an open chat: p50 {0:F1} / {1:F1} ms = **{2:#,0.#}×**, p99 {3:F1} / {4:F1} ms = **{5:#,0.#}×**",
            r.App.Steady.P50Ms, r.Echo.Steady.P50Ms, Ratio(r.App.Steady.P50Ms, r.Echo.Steady.P50Ms),
            r.App.Steady.P99Ms, r.Echo.Steady.P99Ms, Ratio(r.App.Steady.P99Ms, r.Echo.Steady.P99Ms)));
        var s = r.App.Steady;
        sb.AppendLine(string.Format(Inv, "- Send → agent p99 {0:F1} ms with {1} lost and {2} errors (target p99 < 250 ms: {3})",
            s.P99Ms, s.Lost, s.Errors, Met(s.P99Ms < 250 && s.Lost == 0 && s.Errors == 0 && s.Sent > 0)));
        sb.AppendLine(string.Format(Inv, "- Memory per idle visitor connection: {0:F1} KB (echo hub {1:F1} KB) (target ≤ 100 KB: {2})",
            r.App.Memory.KbPerConnection, r.Echo.Memory.KbPerConnection, Met(r.App.Memory.KbPerConnection <= 100 && r.App.Memory.Connections == o.Visitors)));
        return sb.ToString();
    }

    public static void UpdateDoc(string path, IReadOnlyList<string> engines, IReadOnlyList<ProviderResult> results, IReadOnlyList<EmailResult> emails, BenchOptions o,
        IReadOnlyList<ChatResult>? chats = null)
    {
        var doc = File.Exists(path) ? File.ReadAllText(path) : Template;
        // A chat-only run names only its own engine: the machine line of the full run stays.
        if (results.Count > 0 || emails.Count > 0) doc = Replace(doc, "machine", Machine(engines) + Environment.NewLine);
        foreach (var c in chats ?? []) doc = Replace(doc, c.DocKey, ChatSection(c));
        foreach (var r in results) doc = Replace(doc, r.Provider, Section(r));
        foreach (var e in emails) doc = Replace(doc, $"email-{e.Provider}", EmailSection(e, o));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, doc);
    }

    private static string Replace(string doc, string key, string content)
    {
        string open = $"<!-- bench:{key} -->", close = $"<!-- /bench:{key} -->";
        var a = doc.IndexOf(open, StringComparison.Ordinal);
        var b = doc.IndexOf(close, StringComparison.Ordinal);
        if (a < 0 || b < a) return doc.TrimEnd() + $"\n\n{open}\n{content}{close}\n";
        return doc[..(a + open.Length)] + "\n" + content + doc[b..];
    }

    private const string Template = """
        # Otklik benchmarks

        Produced by `dotnet run -c Release --project bench/Otklik.Bench -- --provider all`; the sections between
        the `bench:` markers are rewritten by each run, the rest is written by hand.

        ## Method

        - **Creates.** The Release app runs as a separate process (Kestrel, its own appsettings; only the rate limits are
          raised). After a warm-up (10,000 creates through each path: the tiered JIT needs thousands of requests to
          settle), N clients `POST /api/v1/tickets` (new customer by email, subject, body) for a fixed count.
          The baseline, in the same run and the same kind of database, inserts the same rows with prepared ADO.NET commands,
          one transaction per ticket and one connection per client: customer + email identity, ticket, first message,
          "created" timeline event, and the search rows (SQLite: three `search_fts` rows stemmed by Otklik's `Stemming`;
          PostgreSQL: the stored tsvector columns compute themselves). Reported: API ÷ raw creates per second.
        - **Reads.** A database is bulk-loaded directly (PostgreSQL: `INSERT … SELECT generate_series` server-side;
          SQLite: one transaction of prepared inserts, `search_fts` filled with Otklik's stemming) with Russian/English
          subjects and bodies (~8% mention "заказ"), five statuses, 20 agents, 4 teams, a customer per ~5 tickets and 30% tags.
          The app is then started on it and `GET /api/v1/tickets?status=open&limit=50`, the same with `assignee=none`, and
          `GET /api/v1/search?q=заказ` are timed; `/health/live` (no database) and the inbox SQL on one raw connection are
          the baselines that show what HTTP and the database alone cost.
        - **Targets.** API ≥ 25% of raw creates; inbox p95 < 100 ms; search p95 < 200 ms for a common word.

        ## Machine

        <!-- bench:machine -->
        _not run yet_
        <!-- /bench:machine -->

        ## Results

        <!-- bench:sqlite -->
        _not run yet_
        <!-- /bench:sqlite -->

        <!-- bench:postgres -->
        _not run yet_
        <!-- /bench:postgres -->

        ## Email

        <!-- bench:email-sqlite -->
        _not run yet_
        <!-- /bench:email-sqlite -->

        <!-- bench:email-postgres -->
        _not run yet_
        <!-- /bench:email-postgres -->

        """;
}
