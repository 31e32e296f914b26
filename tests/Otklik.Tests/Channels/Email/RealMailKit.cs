using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

/// <summary>Steps shared by the tests that run Otklik against the real Postfix and Dovecot on loopback.</summary>
public static class RealMailKit
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    /// <summary>An IMAP + SMTP mailbox for a fresh support address on the test servers.</summary>
    public static async Task<(long Id, long InboxId, MailUser Support)> AddImapMailboxAsync(HttpClient admin, MailServers mail, object? extra = null)
    {
        var support = mail.NewUser(MailServers.OtklikDomain);
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Support " + support.Address, ["address"] = support.Address, ["protocol"] = "imap",
            ["inHost"] = MailServers.Host, ["inPort"] = MailServers.ImapPort, ["inSecurity"] = "none",
            ["inUser"] = support.Address, ["inPassword"] = support.Password,
            ["smtpHost"] = MailServers.Host, ["smtpPort"] = MailServers.SmtpPort, ["smtpSecurity"] = "none",
            ["sentFolder"] = "Sent",
        };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[p.Name] = p.Value;
        var created = await admin.PostAsJsonAsync("/api/v1/admin/mailboxes", body).Json(HttpStatusCode.Created);
        return (created.Id(), created.GetProperty("inboxId").GetInt64(), support);
    }

    /// <summary>Polls the database until the condition holds; the app's own fetch loop does the work.</summary>
    public static async Task<T> EventuallyAsync<T>(IServiceProvider services, Func<OtklikDb, Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            using (var scope = services.CreateScope())
            {
                if (await probe(scope.ServiceProvider.GetRequiredService<OtklikDb>()) is { } found) return found;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.");
            await Task.Delay(250);
        }
    }

    public static Task<long?> TicketFromAsync(IServiceProvider services, string customerAddress, int messages = 1) =>
        EventuallyAsync<long?>(services, async db => await db.Tickets
            .Where(t => t.Customer!.Identities.Any(i => i.Value == customerAddress) && t.MessageCount >= messages)
            .Select(t => (long?)t.Id).FirstOrDefaultAsync(), $"a ticket from {customerAddress} with {messages} message(s)");
}
