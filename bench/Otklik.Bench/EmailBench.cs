using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Otklik.Bench;

/// <param name="Threaded">Replies that landed on their parent's ticket (In-Reply-To/References threading).</param>
public sealed record MailLoad(string Label, int Clients, int Warmup, double AvgKb, Summary Ingest, Summary Parse, double AppCpuMsPerMessage,
    int Replies, int Threaded, IReadOnlyDictionary<string, int> Outcomes)
{
    public double Ratio => Parse.PerSecond > 0 ? Ingest.PerSecond / Parse.PerSecond : 0;
}

/// <param name="ToStoredP50Ms">Median from just before the SMTP send to the inbound ledger's receivedAt (MTA, IDLE wake-up, download).</param>
/// <param name="ProcessingP50Ms">Median receivedAt → processedAt in the ledger (the ingestion itself).</param>
public sealed record IdleResult(int Count, int Missed, double P50Ms, double P95Ms, double MaxMs, double SmtpP50Ms, double ToStoredP50Ms,
    double ProcessingP50Ms, int PollMs);

public sealed record EmailResult(string Provider, string Engine, List<MailLoad> Loads, IdleResult? Idle, string? IdleNote);

/// <summary>
/// The email channel under load. (1) Raw messages POSTed to the MTA pipe endpoint by N clients, against MimeKit
/// parsing the same bytes on N threads in this process, alternating in rounds. (2) Arrival → visible: messages
/// sent one at a time through the loopback Postfix to a Dovecot mailbox the app watches with IMAP IDLE.
/// </summary>
public static class EmailBench
{
    public const int Rounds = 3;
    private const string MailHost = "127.0.0.1";
    private const int SmtpPort = 25, ImapPort = 143;
    private const string MailPassword = "otklik-test";
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(30);

    public static async Task<EmailResult> RunAsync(BenchOptions o, string provider, string engine)
    {
        var postgres = provider == "postgres";
        var dir = Path.Combine(o.WorkRoot, $"{provider}-email");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var cs = postgres ? o.PostgresDatabase("bench_email") : null;
        if (postgres) await PostgresBulk.RecreateDatabaseAsync(o.PostgresDatabase("postgres"), "bench_email");

        // An MTA delivers faster than the default 6000 a minute per inbox allows; the limit is not what is measured.
        await using var app = await AppProcess.StartAsync(o, dir, cs, [("Otklik__RateLimits__InboundMailPerMinute", "100000000")]);
        var run = Guid.NewGuid().ToString("N")[..8];
        var support = $"support-{run}@otklik.test";
        var box = await CreateMailboxAsync(app.Http, new { name = "Bench pipe", address = support, protocol = "none", autoAcknowledge = false });
        var pipePath = box.GetProperty("pipePath").GetString()!;
        using var mta = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = app.Http.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        // No bearer token: the pipe is authenticated by the inbox secret only, as an MTA calls it.
        mta.DefaultRequestHeaders.Add("X-Otklik-Inbox-Secret", box.GetProperty("pipeSecret").GetString());

        var gen = new MailGen(run, support);
        var clients = o.MailConcurrency ?? o.Concurrency;
        var loads = new List<MailLoad>
        {
            await LoadAsync(app, mta, pipePath, gen, dir, "~20 KB", large: false, first: 0, o.MailWarmup, o.MailMessages, clients),
            await LoadAsync(app, mta, pipePath, gen, dir, "~1 MB", large: true, first: 1_000_000, Math.Max(3, o.MailWarmup / 100), o.MailLarge, clients),
        };

        IdleResult? idle = null;
        string? note;
        if (o.MailIdle <= 0) note = "not run (--mail-idle 0)";
        else if (!Reachable(SmtpPort) || !Reachable(ImapPort))
        {
            note = $"skipped: no SMTP on {MailHost}:{SmtpPort} or IMAP on {MailHost}:{ImapPort} (start them with tools/start-mail.sh)";
            Console.WriteLine($"  IMAP IDLE latency {note}");
        }
        else (idle, note) = await IdleAsync(o, app, run);
        return new EmailResult(provider, engine, loads, idle, note);
    }

    private static async Task<JsonElement> CreateMailboxAsync(HttpClient http, object request)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/admin/mailboxes", request);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"POST /admin/mailboxes: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<MailLoad> LoadAsync(AppProcess app, HttpClient mta, string pipePath, MailGen gen, string dir, string label, bool large,
        int first, int warmup, int count, int clients)
    {
        Console.WriteLine($"  building {warmup + count} {label} messages...");
        var mails = gen.Build(first, warmup + count, large);
        // One new thread and one reply as files, to see what was sent.
        var kind = large ? "large" : "small";
        File.WriteAllBytes(Path.Combine(dir, $"sample-{kind}-new.eml"), mails[0].Raw);
        if (mails.FirstOrDefault(m => m.ParentIndex is not null) is { } sampleReply) File.WriteAllBytes(Path.Combine(dir, $"sample-{kind}-reply.eml"), sampleReply.Raw);
        var avgKb = mails.Skip(warmup).Average(m => m.Raw.Length) / 1024.0;
        var ticketOf = new long?[mails.Count];
        var outcomes = new ConcurrentDictionary<string, int>();
        var measuring = false;

        async Task Post(int worker, int k)
        {
            using var content = new ByteArrayContent(mails[k].Raw);
            content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
            using var response = await mta.PostAsync(pipePath, content);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST {pipePath}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            using var doc = JsonDocument.Parse(body);
            if (measuring) outcomes.AddOrUpdate(doc.RootElement.GetProperty("outcome").GetString() ?? "?", 1, (_, n) => n + 1);
            if (doc.RootElement.TryGetProperty("ticketId", out var t) && t.ValueKind == JsonValueKind.Number) ticketOf[k] = t.GetInt64();
        }

        var ingest = new Recorder($"Ingest {label} through the pipe");
        var parse = new Recorder($"MimeKit parse {label}");
        await Load.RunAsync(new Recorder("warm-up"), 0, warmup, clients, Post);
        Parse(new Recorder("warm-up"), mails, 0, warmup, clients);
        measuring = true;
        Console.WriteLine($"  {label}: {Rounds} rounds of ~{count / Rounds} pipe deliveries and MimeKit parses of the same bytes, {clients} clients/threads each...");
        var appCpu = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            var start = warmup + round * (count / Rounds);
            var n = round == Rounds - 1 ? warmup + count - start : count / Rounds;
            var cpu = app.CpuTime;
            var clock = Stopwatch.StartNew();
            await Load.RunAsync(ingest, start, n, clients, Post);
            var used = app.CpuTime - cpu;
            appCpu += used;
            Console.WriteLine($"    round {round + 1}: {n / clock.Elapsed.TotalSeconds:F0} msg/s ingested, app CPU {used.TotalMilliseconds / n:F1} ms/msg");
            Parse(parse, mails, start, n, clients);
        }

        int replies = 0, threaded = 0;
        for (var k = warmup; k < mails.Count; k++)
        {
            if (mails[k].ParentIndex is not { } p) continue;
            replies++;
            var parent = p - first;
            if (ticketOf[k] is { } t && ticketOf[parent] == t) threaded++;
        }
        var result = new MailLoad(label, clients, warmup, avgKb, ingest.ToSummary(), parse.ToSummary(), appCpu.TotalMilliseconds / count,
            replies, threaded, new SortedDictionary<string, int>(outcomes));
        Console.WriteLine($"  {label} (average {avgKb:F1} KB): {result.Ingest.PerSecond:F0} msg/s ingested, {result.Parse.PerSecond:F0} msg/s parsed ({result.Ratio:P1}); " +
                          $"app CPU {result.AppCpuMsPerMessage:F1} ms/msg; replies threaded {threaded}/{replies}; {string.Join(", ", outcomes.Select(x => $"{x.Key} {x.Value}"))}");
        return result;
    }

    /// <summary>MimeMessage.Load over the same bytes on dedicated threads (the thread pool would start with only as many as there are cores).</summary>
    private static void Parse(Recorder recorder, List<MailGen.Mail> mails, int first, int count, int threads)
    {
        var next = first - 1;
        var end = first + count;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < end)
            {
                var start = Stopwatch.GetTimestamp();
                using (MimeMessage.Load(new MemoryStream(mails[i].Raw, writable: false))) { }
                recorder.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        recorder.AddSeconds(clock.Elapsed.TotalSeconds);
    }

    private static bool Reachable(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            return tcp.ConnectAsync(MailHost, port).Wait(TimeSpan.FromSeconds(2)) && tcp.Connected;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static async Task<(IdleResult?, string?)> IdleAsync(BenchOptions o, AppProcess app, string run)
    {
        var http = app.Http;
        var support = $"idle-{run}@otklik.test";
        var box = await CreateMailboxAsync(http, new
        {
            name = "Bench IMAP", address = support, protocol = "imap", inHost = MailHost, inPort = ImapPort, inSecurity = "none",
            inUser = support, inPassword = MailPassword, autoAcknowledge = false,
        });
        var id = box.GetProperty("id").GetInt64();
        var inboxId = box.GetProperty("inboxId").GetInt64();

        // Ready once the first drain has finished (lastFetchAt): the next step of the fetch loop is IDLE.
        var ready = Stopwatch.StartNew();
        string? lastError = null;
        while (true)
        {
            var status = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailboxes/{id}")).GetProperty("status");
            if (status.GetProperty("lastFetchAt").ValueKind == JsonValueKind.String) break;
            lastError = status.GetProperty("lastError").ValueKind == JsonValueKind.String ? status.GetProperty("lastError").GetString() : lastError;
            if (ready.Elapsed > TimeSpan.FromSeconds(60))
            {
                var why = $"skipped: the IMAP mailbox did not start fetching within 60 s{(lastError is null ? "" : $" ({lastError})")}";
                Console.WriteLine($"  IMAP IDLE latency {why}");
                return (null, why);
            }
            await Task.Delay(100);
        }
        Console.WriteLine($"  IMAP mailbox {support} fetching after {ready.Elapsed.TotalSeconds:F1} s; sending {o.MailIdle} messages one at a time...");

        using var smtp = new SmtpClient();
        var latencies = new List<double>();
        var smtpMs = new List<double>();
        var toStored = new List<double>();
        var processing = new List<double>();
        var missed = 0;
        const int warmup = 3;
        for (var k = 0; k < warmup + o.MailIdle; k++)
        {
            if (!smtp.IsConnected) await smtp.ConnectAsync(MailHost, SmtpPort, SecureSocketOptions.None);
            var subject = $"IDLE {run}-{k}: {TextGen.Subject(k)}";
            var message = new MimeMessage { Subject = subject, MessageId = $"idle.{run}.{k}@mail.example.test" };
            message.From.Add(new MailboxAddress(TextGen.Name(k), $"idle-{run}-{k}@example.test"));
            message.To.Add(new MailboxAddress("Служба поддержки", support));
            message.Body = new MultipartAlternative
            {
                new TextPart("plain") { Text = $"Здравствуйте!\n\n{TextGen.Body(k)}\n\n--\n{TextGen.Name(k)}" },
                new TextPart("html") { Text = $"<div>Здравствуйте!</div><div><br></div><div>{TextGen.Body(k)}</div><div>--<br>{TextGen.Name(k)}</div>" },
            };

            var sentAt = DateTime.UtcNow;
            var start = Stopwatch.GetTimestamp();
            await smtp.SendAsync(message);
            var sent = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var visible = false;
            while (Stopwatch.GetElapsedTime(start) < VisibleTimeout)
            {
                var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/tickets?limit=1");
                if (page.GetProperty("items") is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0
                    && items[0].GetProperty("subject").GetString() == subject)
                {
                    visible = true;
                    break;
                }
                await Task.Delay(o.MailPollMs);
            }
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (k < warmup) continue;
            latencies.Add(elapsed);
            smtpMs.Add(sent);
            if (!visible)
            {
                missed++;
                Console.WriteLine($"  ! message {k} not visible after {VisibleTimeout.TotalSeconds} s");
                continue;
            }
            var rows = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/inbound-emails?inboxId={inboxId}&limit=1");
            var ledger = rows.ValueKind == JsonValueKind.Array ? rows[0] : rows.GetProperty("items")[0];
            if (ledger.GetProperty("subject").GetString() == subject && ledger.GetProperty("processedAt").ValueKind == JsonValueKind.String)
            {
                var received = Utc(ledger.GetProperty("receivedAt").GetDateTime());
                var processed = Utc(ledger.GetProperty("processedAt").GetDateTime());
                toStored.Add((received - sentAt).TotalMilliseconds);
                processing.Add((processed - received).TotalMilliseconds);
            }
        }
        await smtp.DisconnectAsync(true);

        var sorted = latencies.Order().ToArray();
        var result = new IdleResult(sorted.Length, missed, Pct(sorted, 0.50), Pct(sorted, 0.95), sorted.LastOrDefault(),
            Pct([.. smtpMs.Order()], 0.5), Pct([.. toStored.Order()], 0.5), Pct([.. processing.Order()], 0.5), o.MailPollMs);
        Console.WriteLine($"  IMAP IDLE send → visible: p50 {result.P50Ms:F0} ms, p95 {result.P95Ms:F0} ms, max {result.MaxMs:F0} ms, {missed} missed; " +
                          $"median SMTP send {result.SmtpP50Ms:F0} ms, send → stored {result.ToStoredP50Ms:F0} ms, stored → processed {result.ProcessingP50Ms:F0} ms");
        return (result, null);
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static double Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
