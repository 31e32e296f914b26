using System.Diagnostics;
using MimeKit;
using Otklik.Channels.Email;
using Otklik.Infrastructure;

namespace Otklik.Bench;

/// <summary>
/// `--email-stages`: the CPU cost of each in-process step of ingesting a ~20 KB message (no HTTP, no
/// database), single-threaded, as process CPU time per message. CPU time rather than wall time, so the
/// figures hold up on a machine busy with other work; they say where an app CPU millisecond goes.
/// </summary>
public static class EmailStages
{
    public static void Run(int messages, int rounds = 5)
    {
        var mail = new MailGen("stages", "support@otklik.test").Build(0, messages, large: false).Select(m => m.Raw).ToList();
        var parsed = mail.Select(InboundMailParser.Parse).ToList();
        var html = parsed.Select(p => p.Html).OfType<string>().ToList();
        var cleaner = new HtmlCleaner();
        var clean = html.Select(cleaner.Clean).ToList();
        var stages = new (string Name, int Count, Action<int> Step)[]
        {
            ("MailFingerprint.Compute (dedup key)", mail.Count, i => MailFingerprint.Compute(mail[i])),
            ("MimeMessage.Load (MimeKit alone)", mail.Count, i => MimeMessage.Load(new MemoryStream(mail[i])).Dispose()),
            ("InboundMailParser.Parse (whole parse)", mail.Count, i => InboundMailParser.Parse(mail[i])),
            ("HtmlCleaner.Clean (sanitise HTML part)", html.Count, i => cleaner.Clean(html[i])),
            ("HtmlCleaner.ToText (text from clean HTML)", clean.Count, i => HtmlCleaner.ToText(clean[i])),
        };
        Console.WriteLine($"Email stages: {messages} ~20 KB messages, {rounds} rounds, CPU µs per message (last round; earlier rounds warm the JIT)");
        foreach (var (name, count, step) in stages)
        {
            var perMessage = 0.0;
            for (var round = 0; round < rounds; round++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < count; i++) step(i);
                perMessage = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / count;
            }
            Console.WriteLine($"  {name,-45} {perMessage,8:0} µs");
        }
    }
}
