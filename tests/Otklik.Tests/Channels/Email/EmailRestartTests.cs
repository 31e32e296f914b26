using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

/// <summary>Mail keeps arriving while Otklik stops and starts: everything is fetched afterwards, once.</summary>
public abstract class EmailRestartTests(DbProvider provider, MailServers mail)
{
    private static MimeMessage Numbered(MailUser from, string to, int n)
    {
        var m = new MimeMessage { Subject = $"Restart question {n}" };
        m.From.Add(from.Mailbox);
        m.To.Add(MailboxAddress.Parse(to));
        m.Body = new TextPart("plain") { Text = $"Question number {n}" };
        return m;
    }

    private static async Task<int> TicketsFromAsync(IServiceProvider services, string address)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OtklikDb>().Tickets.CountAsync(t => t.Customer!.Identities.Any(i => i.Value == address));
    }

    [MailFact]
    public async Task Restart_WhileMailArrives_NothingLost_NothingDoubled()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var customer = mail.NewUser();
        MailUser support;
        await using (var first = new OtklikApp(database))
        {
            using var admin = await first.SignInAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
            (_, _, support) = await RealMailKit.AddImapMailboxAsync(admin, mail, new { autoAcknowledge = false });
            for (var n = 1; n <= 3; n++) await mail.SendAsync(Numbered(customer, support.Address, n));
            await RealMailKit.EventuallyAsync<long?>(first.Services, async db =>
                await TicketsFromAsync(first.Services, customer.Address) >= 3 ? 3 : null, "the first three");
            // These arrive while the host is going down: some may be half-way through.
            for (var n = 4; n <= 6; n++) await mail.SendAsync(Numbered(customer, support.Address, n));
        }
        for (var n = 7; n <= 9; n++) await mail.SendAsync(Numbered(customer, support.Address, n));

        await using var second = new OtklikApp(database);
        using (await second.SignInAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword)) { } // starts the host and its fetch loop
        await RealMailKit.EventuallyAsync<long?>(second.Services, async db =>
            await TicketsFromAsync(second.Services, customer.Address) >= 9 ? 9 : null, "all nine after the restart");
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything doubled would show up now
        using var scope = second.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var subjects = await db.Tickets.Where(t => t.Customer!.Identities.Any(i => i.Value == customer.Address))
            .Select(t => t.Subject).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"Restart question {n}"), subjects.Order());
        var box = await db.Mailboxes.SingleAsync(b => b.Address == support.Address);
        Assert.Null(box.LastError);
    }

    [MailFact]
    public async Task PipeThroughPostfix_DeliversIntoATicket()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new OtklikApp(database);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        // Over a real socket: the in-memory client does not know Kestrel's port.
        using var admin = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = await admin.PostAsJsonAsync("/api/v1/auth/tokens", new { email = OtklikApp.AdminEmail, password = OtklikApp.AdminPassword, name = "pipe" })
            .Json(HttpStatusCode.Created);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("token"));
        var address = MailServers.NewAddress(MailServers.PipeDomain);
        var box = await admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "Piped", address, protocol = "none" }).Json(HttpStatusCode.Created);
        mail.RoutePipe(address, $"{baseUrl}{box.Str("pipePath")}", box.Str("pipeSecret"));

        var customer = mail.NewUser();
        var question = Numbered(customer, address, 42);
        question.Subject = "Через Postfix — прямо в Otklik";
        await mail.SendAsync(question);
        var ticketId = (await RealMailKit.TicketFromAsync(app.Services, customer.Address))!.Value;
        var ticket = await admin.GetAsync($"/api/v1/tickets/{ticketId}").Json(HttpStatusCode.OK);
        Assert.Equal("Через Postfix — прямо в Otklik", ticket.Str("subject"));
        Assert.Equal(box.GetProperty("inboxId").GetInt64(), ticket.GetProperty("inboxId").GetInt64());
    }
}

public sealed class EmailRestartTests_Sqlite(MailServers mail) : EmailRestartTests(DbProvider.Sqlite, mail), IClassFixture<MailServers>;

public sealed class EmailRestartTests_Postgres(MailServers mail) : EmailRestartTests(DbProvider.Postgres, mail), IClassFixture<MailServers>;
