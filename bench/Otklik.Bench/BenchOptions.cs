namespace Otklik.Bench;

public sealed class BenchOptions
{
    public string Provider { get; private set; } = "all";
    public int? Tickets { get; private set; }
    public int Creates { get; private set; } = 3000;
    /// <summary>
    /// Creates through each path before measuring. The app's tiered JIT (quick code first, then profile-guided
    /// recompiles of what runs hot) needs thousands of requests to settle: measured after only 200, creates
    /// reflect the JIT's work rather than the app's.
    /// </summary>
    public int Warmup { get; private set; } = 10_000;
    public int ReadWarmup { get; private set; } = 50;
    public int Concurrency { get; private set; } = 8;
    public int ReadConcurrency { get; private set; } = 4;
    public int Reads { get; private set; } = 300;
    public bool SkipWrites { get; private set; }
    public bool SkipReads { get; private set; }
    /// <summary>--email: only the email scenario; --skip-email: everything but it.</summary>
    public bool EmailOnly { get; private set; }
    public bool SkipEmail { get; private set; }
    public int MailMessages { get; private set; } = 2000;
    public bool EmailStages { get; private set; }
    public bool EmailInProcess { get; private set; }
    public int MailLarge { get; private set; } = 150;
    public int MailWarmup { get; private set; } = 3000;
    public int MailIdle { get; private set; } = 100;
    public int? MailConcurrency { get; private set; }
    public int MailPollMs { get; private set; } = 20;
    /// <summary>--chat: only the chat scenario (visitors on the widget hub, an agent on the workspace hub, an echo-hub baseline).</summary>
    public bool ChatOnly { get; private set; }
    public int Visitors { get; private set; } = 1000;
    public int ChatRate { get; private set; } = 200;
    public int ChatSeconds { get; private set; } = 30;
    public int ChatWarmupSeconds { get; private set; } = 10;
    public int ChatConnectConcurrency { get; private set; } = 8;
    public bool ReuseData { get; private set; } = true;
    public bool WriteDoc { get; private set; } = true;
    public string PostgresServer { get; private set; } = "Host=127.0.0.1;Username=postgres;Password=postgres;SSL Mode=Disable";
    public string WorkRoot { get; private set; } = Path.Combine(Path.GetTempPath(), "otklik-bench");
    public int Port { get; private set; } = 5780;
    /// <summary>Extra environment for the app process, e.g. --app-env DOTNET_gcServer=0 to compare settings.</summary>
    public List<(string Key, string Value)> AppEnvironment { get; } = [];
    public string RepoRoot { get; private set; } = FindRepoRoot();

    public string AppDll => Path.Combine(RepoRoot, "src", "Otklik", "bin", "Release", "net10.0", "Otklik.dll");
    public string DocPath => Path.Combine(RepoRoot, "docs", "benchmarks.md");
    public string[] Providers => Provider == "all" ? ["sqlite", "postgres"] : [Provider];

    public int TicketsFor(string provider) => Tickets ?? (provider == "postgres" ? 1_000_000 : 100_000);

    public string PostgresDatabase(string name) => $"{PostgresServer};Database={name};Pooling=true;Timeout=30;Command Timeout=3600";

    public const string Usage = """
        dotnet run -c Release --project bench/Otklik.Bench -- [options]
          --provider sqlite|postgres|all   (all)
          --tickets N          bulk tickets for the read scenarios (sqlite 100000, postgres 1000000)
          --creates N          measured API creates and raw inserts (3000), --warmup N before measuring, each (10000)
          --concurrency N      clients for creates (8); --read-concurrency N (4); --reads N per read scenario (300), --read-warmup N (50)
          --skip-writes | --skip-reads | --fresh (reload bulk data) | --no-doc
          --email | --skip-email   only the email scenario | everything but it (default: all of them)
          --email-stages       only the in-process CPU cost per ingestion step (no app, no database; --mail-messages N)
          --email-inprocess    only the ingestion called in-process on one thread against a fresh database: CPU per message
          --mail-messages N    ~20 KB messages through the pipe and parsed by MimeKit (2000); --mail-large N ~1 MB ones (150)
          --mail-warmup N      messages before measuring (3000; the ~1 MB kind uses a hundredth); --mail-concurrency N (= --concurrency)
          --mail-idle N        messages sent over SMTP for the IMAP IDLE latency (100; 0 skips it)
          --mail-poll-ms N     how often that part asks the API whether the ticket is there (20)
          --chat               only the chat scenario (rewrites the bench:chat section; default provider sqlite)
          --visitors N         visitor connections (1000); --chat-rate N messages/s in total (200); --chat-seconds N measured (30)
          --chat-warmup-seconds N   unmeasured load before measuring (10); --chat-connect-concurrency N (8)
          --pg "Host=...;Username=...;Password=..."   --work DIR   --port N   --app-env KEY=VALUE (repeatable)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider": o.Provider = Next().ToLowerInvariant() switch
                {
                    "sqlite" => "sqlite", "postgres" or "postgresql" or "pg" => "postgres", "all" => "all",
                    var p => throw new ArgumentException($"Unknown provider '{p}'."),
                }; break;
                case "--tickets": o.Tickets = int.Parse(Next()); break;
                case "--creates": o.Creates = int.Parse(Next()); break;
                case "--warmup": o.Warmup = int.Parse(Next()); break;
                case "--read-warmup": o.ReadWarmup = int.Parse(Next()); break;
                case "--concurrency": o.Concurrency = int.Parse(Next()); break;
                case "--read-concurrency": o.ReadConcurrency = int.Parse(Next()); break;
                case "--reads": o.Reads = int.Parse(Next()); break;
                case "--skip-writes": o.SkipWrites = true; break;
                case "--skip-reads": o.SkipReads = true; break;
                case "--fresh": o.ReuseData = false; break;
                case "--email": o.EmailOnly = true; break;
                case "--email-stages": o.EmailStages = true; break;
                case "--email-inprocess": o.EmailInProcess = true; break;
                case "--skip-email": o.SkipEmail = true; break;
                case "--mail-messages": o.MailMessages = int.Parse(Next()); break;
                case "--mail-large": o.MailLarge = int.Parse(Next()); break;
                case "--mail-warmup": o.MailWarmup = int.Parse(Next()); break;
                case "--mail-idle": o.MailIdle = int.Parse(Next()); break;
                case "--mail-concurrency": o.MailConcurrency = int.Parse(Next()); break;
                case "--mail-poll-ms": o.MailPollMs = int.Parse(Next()); break;
                case "--chat": o.ChatOnly = true; break;
                case "--visitors": o.Visitors = int.Parse(Next()); break;
                case "--chat-rate": o.ChatRate = int.Parse(Next()); break;
                case "--chat-seconds": o.ChatSeconds = int.Parse(Next()); break;
                case "--chat-warmup-seconds": o.ChatWarmupSeconds = int.Parse(Next()); break;
                case "--chat-connect-concurrency": o.ChatConnectConcurrency = int.Parse(Next()); break;
                case "--no-doc": o.WriteDoc = false; break;
                case "--pg": o.PostgresServer = Next(); break;
                case "--work": o.WorkRoot = Path.GetFullPath(Next()); break;
                case "--port": o.Port = int.Parse(Next()); break;
                case "--app-env":
                    var kv = Next().Split('=', 2);
                    o.AppEnvironment.Add((kv[0], kv.Length > 1 ? kv[1] : ""));
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (o.ChatOnly && !args.Contains("--provider")) o.Provider = "sqlite";
        if (o.ChatOnly && (o.Visitors < 1 || o.ChatRate < 1 || o.ChatSeconds < 1)) throw new ArgumentException("--visitors, --chat-rate and --chat-seconds need at least 1.");
        if (o.EmailOnly && o.SkipEmail) throw new ArgumentException("--email and --skip-email exclude each other.");
        if (o.MailMessages < EmailBench.Rounds || o.MailLarge < EmailBench.Rounds)
            throw new ArgumentException($"--mail-messages and --mail-large need at least {EmailBench.Rounds} (one per round).");
        return o;
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Otklik.slnx"))) return d.FullName;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Otklik.slnx"))) return d.FullName;
        throw new InvalidOperationException("Run from inside the Otklik repository (Otklik.slnx not found).");
    }
}
