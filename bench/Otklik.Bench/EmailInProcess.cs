using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Jobs;

namespace Otklik.Bench;

/// <summary>
/// `--email-inprocess`: the ingestion (parse, thread, store) called in-process on one thread, no HTTP,
/// against a fresh database, reporting process CPU per message. One thread and CPU time make the figure
/// steady on a busy machine, so a change to the ingestion can be compared before/after in minutes.
/// It is not the throughput figure: that is `--email` (the pipe over HTTP with 8 clients).
/// </summary>
public static class EmailInProcess
{
    public static async Task RunAsync(BenchOptions o, string provider)
    {
        var work = Path.Combine(o.WorkRoot, $"inprocess-{provider}");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var connection = provider == "postgres" ? o.PostgresDatabase("bench_email_inprocess") : $"Data Source={Path.Combine(work, "otklik.db")}";
        if (provider == "postgres") await DropDatabaseAsync(o);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Otklik:Database:Provider"] = provider == "postgres" ? "Postgres" : "Sqlite",
            ["Otklik:Database:ConnectionString"] = connection,
            ["Otklik:DataPath"] = work,
            ["Otklik:Admin:Email"] = "admin@bench.test",
            ["Otklik:Admin:Password"] = "Bench-password-1",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddOtklik();
        await using var app = builder.Build();
        await FirstStart.RunAsync(app.Services, demoSwitch: false);
        var mailbox = await CreateMailboxAsync(app.Services);

        var mail = new MailGen("inproc", mailbox.Address).Build(0, o.MailWarmup + o.MailMessages, large: false);
        Console.WriteLine($"  in-process ingestion on {provider}: {o.MailWarmup} warm-up + {o.MailMessages} measured ~20 KB messages, one thread");
        var index = 0;
        for (var round = 0; round < 4; round++)
        {
            var count = round == 0 ? o.MailWarmup : o.MailMessages / 3;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++, index++)
            {
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
                await using var held = await db.HoldConnectionAsync(CancellationToken.None);
                var result = await scope.ServiceProvider.GetRequiredService<EmailIngestion>()
                    .IngestAsync(mailbox, mail[index].Raw, "bench", null, CancellationToken.None);
                if (result.Outcome != IngestOutcome.Ticket) throw new InvalidOperationException($"Message {index}: {result.Outcome} {result.Detail}");
            }
            var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"    {(round == 0 ? "warm-up" : $"round {round}"),-8} {count,5} messages: CPU {spent.TotalMilliseconds / count,6:0.00} ms/msg, wall {clock.Elapsed.TotalMilliseconds / count,6:0.00} ms/msg");
        }
    }

    private static async Task<Mailbox> CreateMailboxAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var inbox = new Inbox { Name = "Bench mail", Channel = ChannelKind.Email, Address = "support@bench.test", CreatedAt = DateTime.UtcNow };
        var mailbox = new Mailbox { Inbox = inbox, Address = "support@bench.test", AutoAcknowledge = false, PipeSecretProtected = "-", Protocol = MailProtocol.None };
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        return mailbox;
    }

    private static async Task DropDatabaseAsync(BenchOptions o)
    {
        await using var admin = new NpgsqlConnection($"{o.PostgresServer};Database=postgres");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS bench_email_inprocess WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
