using Npgsql;

namespace Otklik.Bench;

public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        BenchOptions o;
        try
        {
            o = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        if (o.EmailStages)
        {
            EmailStages.Run(o.MailMessages);
            return 0;
        }
        if (o.EmailInProcess)
        {
            foreach (var provider in o.Providers) await EmailInProcess.RunAsync(o, provider);
            return 0;
        }
        if (!File.Exists(o.AppDll))
        {
            Console.Error.WriteLine($"{o.AppDll} is missing: build src/Otklik in Release first.");
            return 2;
        }

        var results = new List<ProviderResult>();
        var emails = new List<EmailResult>();
        var chats = new List<ChatResult>();
        var engines = new List<string>();
        foreach (var provider in o.Providers)
        {
            var tickets = o.TicketsFor(provider);
            var engine = await EngineAsync(o, provider);
            engines.Add(engine);
            Console.WriteLine($"== {engine}");
            if (o.ChatOnly)
            {
                var chat = await ChatBench.RunAsync(o, provider, engine);
                chats.Add(chat);
                Console.WriteLine();
                Console.WriteLine(Report.ChatSection(chat));
                continue;
            }
            if (!o.EmailOnly)
            {
                var (writes, cpu, warmup) = o.SkipWrites ? ([], 0, null) : await WriteBench.RunAsync(o, provider);
                var reads = o.SkipReads ? [] : await ReadBench.RunAsync(o, provider, tickets);
                var result = new ProviderResult(provider, engine, tickets, o, writes, reads, cpu, warmup);
                results.Add(result);
                Console.WriteLine();
                Console.WriteLine(Report.Section(result));
            }
            if (!o.SkipEmail)
            {
                var email = await EmailBench.RunAsync(o, provider, engine);
                emails.Add(email);
                Console.WriteLine();
                Console.WriteLine(Report.EmailSection(email, o));
            }
        }
        if (o.WriteDoc)
        {
            Report.UpdateDoc(o.DocPath, engines, results, emails, o, chats);
            Console.WriteLine($"Updated {o.DocPath}");
        }
        return 0;
    }

    private static async Task<string> EngineAsync(BenchOptions o, string provider)
    {
        if (provider != "postgres")
        {
            await using var s = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            await s.OpenAsync();
            return $"SQLite {s.ServerVersion}";
        }
        await using var c = new NpgsqlConnection(o.PostgresDatabase("postgres"));
        await c.OpenAsync();
        return $"PostgreSQL {c.ServerVersion}";
    }
}
