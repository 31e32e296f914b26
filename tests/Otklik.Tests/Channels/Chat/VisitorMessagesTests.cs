using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>Group commit of visitors' messages: several visitors per transaction, one visitor's messages in order on one ticket.</summary>
public abstract class VisitorMessagesTests(ChatApp f)
{
    private VisitorMessages Queue => f.App.Services.GetRequiredService<VisitorMessages>();

    private async Task<HubConnection> VisitorAsync(string key) => await f.ConnectAsync(key, (await f.SessionAsync(key)).Str("token"));

    private async Task<long> TicketOfAsync(long messageId)
    {
        using var scope = f.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages.Where(m => m.Id == messageId).Select(m => m.TicketId).SingleAsync();
    }

    [Fact]
    public async Task ManyVisitorsAtOnce_EachOnTheirOwnTicket_SeveralPerTransaction()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var hubs = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => VisitorAsync(key)));
        try
        {
            var before = Queue.Grouped;
            for (var round = 0; round < 3; round++)
            {
                var sent = await Task.WhenAll(hubs.Select((hub, n) =>
                    hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), $"Visitor {n}, message {round}")));
                var tickets = await Task.WhenAll(sent.Select(m => TicketOfAsync(m.Id)));
                Assert.Equal(12, tickets.Distinct().Count());
            }
            Assert.True(Queue.Grouped.Items > before.Items, "36 messages from 12 visitors at once should have shared a transaction");
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task OneVisitorsBurst_OpensOneTicket_StoredInOrder()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        await using var hub = await VisitorAsync(key);
        // Sent without waiting, as a widget flushes its offline queue: the first opens the ticket, the rest follow it.
        var sends = Enumerable.Range(1, 8).Select(n => hub.InvokeAsync<WidgetMessage>("Send", $"burst-{n}-{Guid.NewGuid():N}", $"Part {n}")).ToList();
        var sent = await Task.WhenAll(sends);
        Assert.Single((await Task.WhenAll(sent.Select(m => TicketOfAsync(m.Id)))).Distinct());
        var history = await hub.InvokeAsync<List<WidgetMessage>>("History");
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"Part {n}"), history.Select(m => m.Text));
    }

    [Fact]
    public async Task VisitorAndAgentWritingAtOnce_EveryMessageIsStored()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        await using var hub = await VisitorAsync(key);
        var first = await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Start");
        var ticketId = await TicketOfAsync(first.Id);
        // Each side bumps the ticket's version; neither may lose a message to the other.
        var visitorSends = Task.WhenAll(Enumerable.Range(1, 6).Select(n => hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), $"Visitor {n}")));
        var agentReplies = Task.WhenAll(Enumerable.Range(1, 6).Select(n =>
            f.Admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = $"Agent {n}" })));
        await visitorSends;
        Assert.All(await agentReplies, r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));
        var bodies = (await f.GetTicketAsync(ticketId)).GetProperty("messages").EnumerateArray().Select(m => m.Str("body")).ToList();
        Assert.Equal(13, bodies.Count);
    }
}

public sealed class VisitorMessagesTests_Sqlite(SqliteChatApp f) : VisitorMessagesTests(f), IClassFixture<SqliteChatApp>;

public sealed class VisitorMessagesTests_Postgres(PostgresChatApp f) : VisitorMessagesTests(f), IClassFixture<PostgresChatApp>;
