using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

/// <summary>Group commit of piped mail: many messages per transaction, never at the cost of a rule or of one message.</summary>
public abstract class InboundQueueTests(AppFixture f)
{
    private static string Person() => AppFixture.Unique("p") + "@customer.test";
    private InboundQueue Queue => f.App.Services.GetRequiredService<InboundQueue>();

    /// <summary>Hands raw messages to the queue in this order without waiting in between, as concurrent MTA deliveries arrive.</summary>
    private async Task<IngestResult[]> SubmitInOrderAsync(TestMailbox box, params string[] raws)
    {
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var mailbox = await db.Mailboxes.Include(b => b.Inbox).FirstAsync(b => b.Id == box.Id);
        var ingestion = scope.ServiceProvider.GetRequiredService<EmailIngestion>();
        var pending = new List<PendingMail>();
        foreach (var raw in raws.Select(Encoding.UTF8.GetBytes))
        {
            ParsedEmail? parsed;
            try { parsed = InboundMailParser.Parse(raw); } catch (Exception) { parsed = null; }
            pending.Add(new PendingMail(mailbox, raw, await ingestion.KeepAsync(mailbox, raw, "pipe", null, default), parsed));
        }
        return await Task.WhenAll(pending.Select(Queue.SubmitAsync));
    }

    private async Task<long> CustomersWithAsync(string email)
    {
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        return await db.CustomerIdentities.CountAsync(i => i.Kind == IdentityKind.Email && i.Value == email);
    }

    [Fact]
    public async Task Burst_FromManyPeople_AllBecomeTickets_SeveralPerTransaction()
    {
        var box = await f.CreateMailboxAsync();
        var before = Queue.Grouped;
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(n =>
            f.PipeAsync(box, EmailTestKit.Mail(Person(), box.Address, $"Burst {n}", $"Message {n}"))));
        var tickets = new HashSet<long>();
        foreach (var response in responses)
        {
            var body = await Task.FromResult(response).Json(HttpStatusCode.Accepted);
            Assert.Equal("ticket", body.Str("outcome"));
            tickets.Add(body.GetProperty("ticketId").GetInt64());
        }
        Assert.Equal(40, tickets.Count);
        Assert.True(Queue.Grouped.Items > before.Items, "40 concurrent deliveries should have shared at least one transaction");
    }

    [Fact]
    public async Task Burst_WithNewSenderAndRepliesToItsFirstMail_OneCustomer_RepliesThreaded()
    {
        var box = await f.CreateMailboxAsync();
        var sender = Person();
        var firstId = Guid.NewGuid().ToString("N") + "@customer.test";
        var others = Enumerable.Range(1, 6).Select(n => EmailTestKit.Mail(Person(), box.Address, $"Other {n}", "x", cc: sender));
        var results = await SubmitInOrderAsync(box, [
            EmailTestKit.Mail(sender, box.Address, "Start", "first", firstId),
            .. others,
            EmailTestKit.Mail(sender, box.Address, "Re: Start", "second", inReplyTo: firstId),
            EmailTestKit.Mail(Person(), box.Address, "Re: Start", "a colleague answers", inReplyTo: firstId),
        ]);
        Assert.All(results, r => Assert.Equal(IngestOutcome.Ticket, r.Outcome));
        Assert.Equal(results[0].TicketId, results[^2].TicketId);
        Assert.Equal(results[0].TicketId, results[^1].TicketId);
        Assert.Equal(1, await CustomersWithAsync(sender));
        Assert.Equal(3, (await f.GetTicketAsync(results[0].TicketId!.Value)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Burst_WithOneUnusableMessage_OthersStored_ThatOneQuarantined()
    {
        var box = await f.CreateMailboxAsync();
        var noSender = "To: " + box.Address + "\r\nSubject: Nobody\r\nMessage-ID: <" + Guid.NewGuid().ToString("N") + "@x>\r\n\r\nOrphan\r\n";
        var results = await SubmitInOrderAsync(box, [
            .. Enumerable.Range(1, 5).Select(n => EmailTestKit.Mail(Person(), box.Address, $"Fine {n}", "x")),
            noSender,
            .. Enumerable.Range(6, 5).Select(n => EmailTestKit.Mail(Person(), box.Address, $"Fine {n}", "x")),
        ]);
        Assert.Equal(IngestOutcome.Quarantined, results[5].Outcome);
        Assert.Equal(10, results.Count(r => r.Outcome == IngestOutcome.Ticket));
        Assert.Equal(10, results.Where(r => r.TicketId is not null).Select(r => r.TicketId).Distinct().Count());
    }

    [Fact]
    public async Task Burst_WithTheSameMessageTwice_StoresItOnce()
    {
        var box = await f.CreateMailboxAsync();
        var mail = EmailTestKit.Mail(Person(), box.Address, "Twice in a burst", "same bytes");
        var results = await SubmitInOrderAsync(box, mail, EmailTestKit.Mail(Person(), box.Address, "Between", "x"), mail);
        Assert.Equal(IngestOutcome.Ticket, results[0].Outcome);
        Assert.Equal(IngestOutcome.Duplicate, results[2].Outcome);
        Assert.Equal(1, (await f.GetTicketAsync(results[0].TicketId!.Value)).GetProperty("messages").GetArrayLength());
    }
}

public sealed class InboundQueueTests_Sqlite(SqliteApp f) : InboundQueueTests(f), IClassFixture<SqliteApp>;

public sealed class InboundQueueTests_Postgres(PostgresApp f) : InboundQueueTests(f), IClassFixture<PostgresApp>;
