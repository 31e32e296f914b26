using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Realtime;
using Otklik.Tests.TestSupport;
using StackExchange.Redis;

namespace Otklik.Tests.Cluster;

/// <summary>Two nodes, one PostgreSQL database, one Redis: what one node does, the other's clients see; background work happens once.</summary>
public sealed class TwoNodeTests(TwoNodes f) : IClassFixture<TwoNodes>
{
    private async Task<long> AdminIdAsync()
    {
        var agents = await f.AdminA.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK);
        return agents.EnumerateArray().First(a => a.Str("email") == OtklikApp.AdminEmail).Id();
    }

    [Fact]
    public async Task ChatVisitorOnA_AndAgentOnB_ExchangeMessagesLive()
    {
        var (key, _) = await f.CreateWidgetAsync();
        var (_, session) = await TwoNodes.SessionAsync(f.A, key);
        await using var visitor = await TwoNodes.VisitorAsync(f.A, key, session.Str("token"));
        var toVisitor = new ConcurrentQueue<WidgetMessage>();
        visitor.On<WidgetMessage>("message", m => toVisitor.Enqueue(m));
        await using var agent = await TwoNodes.WorkspaceAsync(f.B, f.AdminToken);
        var toAgent = new ConcurrentQueue<JsonElement>();
        agent.On<JsonElement>("ticket", e => toAgent.Enqueue(e.Clone()));
        // What a Blazor circuit on node B listens to.
        var circuitsOnB = new ConcurrentQueue<LiveEvent>();
        using var _ = f.B.Services.GetRequiredService<LiveFeed>().Subscribe(e => { circuitsOnB.Enqueue(e); return Task.CompletedTask; });

        var sent = await visitor.InvokeAsync<WidgetMessage>("Send", "c-" + AppFixture.Unique(), "Где мой заказ?");
        var added = await TwoNodes.WaitAsync(toAgent, e => e.Str("kind") == "message.added"
            && e.GetProperty("messageId").ValueKind == JsonValueKind.Number && e.GetProperty("messageId").GetInt64() == sent.Id, "the visitor's message on B's hub");
        var ticketId = added.GetProperty("ticketId").GetInt64();
        await TwoNodes.WaitAsync(circuitsOnB, e => e.TicketId == ticketId && e.MessageId == sent.Id, "the visitor's message in B's live feed");

        await f.AdminB.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Отправили сегодня" }).Json(HttpStatusCode.Created);
        var reply = await TwoNodes.WaitAsync(toVisitor, m => m.Text == "Отправили сегодня", "the agent's reply (saved on B) at the visitor on A");
        Assert.Equal("agent", reply.From);
    }

    [Fact]
    public async Task AgentPresenceOnATicket_SetThroughA_IsSeenThroughB()
    {
        var id = (await f.AdminA.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Presence " + AppFixture.Unique(), customer = new { email = AppFixture.Unique() + "@customer.test" }, message = new { body = "Hi" },
        }).Json(HttpStatusCode.Created)).Id();
        var adminId = await AdminIdAsync();
        var (colleagueId, colleagueToken) = await f.CreateAgentAsync();
        await using var colleague = await TwoNodes.WorkspaceAsync(f.B, colleagueToken);
        var seenByColleague = new ConcurrentQueue<JsonElement>();
        colleague.On<long, JsonElement>("presence", (_, viewers) => seenByColleague.Enqueue(viewers.Clone()));
        Assert.True(await colleague.InvokeAsync<bool>("WatchTicket", id));

        var admin = await TwoNodes.WorkspaceAsync(f.A, f.AdminToken);
        Assert.True(await admin.InvokeAsync<bool>("WatchTicket", id));
        await admin.InvokeAsync("Replying", id, true);

        await TwoNodes.WaitAsync(seenByColleague, v => v.EnumerateArray().Any(x => x.GetProperty("agentId").GetInt64() == adminId && x.GetProperty("isReplying").GetBoolean()),
            "the admin replying (on A) at the colleague's hub client on B");
        // The ticket page (a Blazor circuit) on node B reads presence from B's memory.
        var onB = f.B.Services.GetRequiredService<TicketPresence>();
        await TwoNodes.UntilAsync(() => Task.FromResult(onB.Of(id).Any(v => v.AgentId == adminId && v.IsReplying)), "B's ticket page shows the admin replying");
        Assert.Contains(f.A.Services.GetRequiredService<TicketPresence>().Of(id), v => v.AgentId == colleagueId);

        await admin.DisposeAsync();
        await TwoNodes.UntilAsync(() => Task.FromResult(onB.Of(id).All(v => v.AgentId != adminId)), "the admin gone from B's ticket page after leaving A");
    }

    [Fact]
    public async Task WidgetPromiseOnB_FollowsAnAgentOnlineOnA()
    {
        var (key, _) = await f.CreateWidgetAsync();
        var (_, nobody) = await TwoNodes.SessionAsync(f.B, key);
        Assert.False(nobody.GetProperty("online").GetBoolean());
        Assert.Equal("в течение 24 часов", nobody.Str("promise"));
        var token = nobody.Str("token");

        var agent = await TwoNodes.WorkspaceAsync(f.A, f.AdminToken);
        await TwoNodes.UntilAsync(async () => (await TwoNodes.SessionAsync(f.B, key, token)).Body.GetProperty("online").GetBoolean(), "B says an agent is online");
        Assert.Equal("в течение 2 минут", (await TwoNodes.SessionAsync(f.B, key, token)).Body.Str("promise"));

        await agent.DisposeAsync();
        await TwoNodes.UntilAsync(async () => !(await TwoNodes.SessionAsync(f.B, key, token)).Body.GetProperty("online").GetBoolean(), "B says nobody is online");
    }

    [Fact]
    public async Task VisitorTypingOnB_IsSeenOnA_AndAVisitorOnB_CountsAsConnectedOnA()
    {
        var (key, _) = await f.CreateWidgetAsync();
        var (_, session) = await TwoNodes.SessionAsync(f.B, key);
        await using var visitor = await TwoNodes.VisitorAsync(f.B, key, session.Str("token"));
        await visitor.InvokeAsync<WidgetMessage>("Send", "c-" + AppFixture.Unique(), "Hello");
        long visitorId, ticketId;
        using (var scope = f.B.Services.CreateScope())
        {
            var newest = scope.ServiceProvider.GetRequiredService<OtklikDb>().ChatVisitors.OrderByDescending(v => v.Id).First();
            (visitorId, ticketId) = (newest.Id, newest.TicketId!.Value);
        }
        var onA = f.A.Services.GetRequiredService<VisitorPresence>();
        Assert.True(f.B.Services.GetRequiredService<VisitorPresence>().IsConnected(visitorId));
        await TwoNodes.UntilAsync(() => Task.FromResult(onA.IsConnected(visitorId)), "A knows the visitor is on the site");

        await visitor.InvokeAsync("Typing", true);
        await TwoNodes.UntilAsync(() => Task.FromResult(onA.IsTyping(ticketId, DateTime.UtcNow)), "A shows the visitor typing");
        await visitor.InvokeAsync("Typing", false);
        await TwoNodes.UntilAsync(() => Task.FromResult(!onA.IsTyping(ticketId, DateTime.UtcNow)), "A stops showing the visitor typing");
        await visitor.StopAsync();
        await TwoNodes.UntilAsync(() => Task.FromResult(!onA.IsConnected(visitorId)), "A knows the visitor left");
    }

    [Fact]
    public async Task ADeadNodesPresence_VanishesAfterItsReportsStop()
    {
        var id = (await f.AdminA.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Ghost " + AppFixture.Unique(), customer = new { email = AppFixture.Unique() + "@customer.test" }, message = new { body = "Hi" },
        }).Json(HttpStatusCode.Created)).Id();
        // A third "node" reports once and then dies without saying goodbye.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(f.Redis);
        var report = new
        {
            node = "ghost-node",
            message = new
            {
                kind = "state",
                viewers = new[] { new { ticketId = id, connection = "c1", agentId = 987654L, name = "Ghost", isReplying = true } },
                agents = new[] { 987654L },
                visitors = new { connected = Array.Empty<long>(), typing = new Dictionary<string, DateTime>() },
            },
        };
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(f.Prefix + ":presence"), JsonSerializer.Serialize(report));

        var onB = f.B.Services.GetRequiredService<TicketPresence>();
        var agentsOnB = f.B.Services.GetRequiredService<AgentPresence>();
        await TwoNodes.UntilAsync(() => Task.FromResult(onB.Of(id).Any(v => v.AgentId == 987654L) && agentsOnB.OnlineAgents.Contains(987654L)),
            "B takes the other node's report");
        var seenAt = DateTime.UtcNow;
        await TwoNodes.UntilAsync(() => Task.FromResult(onB.Of(id).Count == 0 && !agentsOnB.OnlineAgents.Contains(987654L)), "the dead node's entries vanish");
        // Not dropped at once: it lived until its reports were overdue (PresenceSeconds = 3).
        Assert.True(DateTime.UtcNow - seenAt > TimeSpan.FromSeconds(1.5), "dropped too early");
        var agentsOnA = f.A.Services.GetRequiredService<AgentPresence>();
        await TwoNodes.UntilAsync(() => Task.FromResult(!agentsOnA.OnlineAgents.Contains(987654L)), "A drops it too");
    }

    [Fact]
    public async Task WebhookJobs_AreDeliveredExactlyOnce_ThoughBothNodesRunWorkers()
    {
        using var receiver = new WebhookReceiver();
        // A write on B caches B's list of active webhooks, without the one made next through A.
        await f.AdminB.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Warm " + AppFixture.Unique(), customer = new { email = AppFixture.Unique() + "@customer.test" }, message = new { body = "Hi" },
        }).ShouldBe(HttpStatusCode.Created);
        // Subscribed through A; B must not keep serving its cached list (the node bus tells it).
        var hook = await f.AdminA.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "ticket.created" } }).Json(HttpStatusCode.Created);
        var marker = AppFixture.Unique("once-");
        var creates = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? f.AdminA : f.AdminB).PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = $"{marker} {i}", customer = new { email = AppFixture.Unique() + "@customer.test" }, message = new { body = "Hi" },
        }).Json(HttpStatusCode.Created));
        var ids = (await Task.WhenAll(creates)).Select(t => t.Id()).ToHashSet();

        List<long> Delivered() => receiver.Received.Where(d => d.Event == "ticket.created" && d.Body.Contains(marker))
            .Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("ticket").Id()).ToList();
        await TwoNodes.UntilAsync(() => Task.FromResult(Delivered().Distinct().Count() == ids.Count), "every ticket.created delivered", seconds: 30);
        // Both workers poll every 500 ms: give a duplicate time to show up.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var delivered = Delivered();
        Assert.Equal(ids.Order(), delivered.Order());
        var deliveryIds = receiver.Received.Where(d => d.Body.Contains(marker)).Select(d => d.DeliveryId).ToList();
        Assert.Equal(deliveryIds.Count, deliveryIds.Distinct().Count());
        await f.AdminA.DeleteAsync($"/api/v1/webhooks/{hook.GetProperty("webhook").Id()}").ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AMailboxLease_IsHeldByOneNodeAtATime()
    {
        long mailboxId;
        using (var scope = f.A.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
            // Protocol None: the pollers leave it alone, only this test leases it.
            var inboxId = (await f.AdminA.PostAsJsonAsync("/api/v1/inboxes", new { name = AppFixture.Unique("Mail "), channel = "email" }).Json(HttpStatusCode.Created)).Id();
            var box = new Otklik.Domain.Mailbox { InboxId = inboxId, Address = AppFixture.Unique() + "@otklik.test", Protocol = Otklik.Domain.MailProtocol.None, PipeSecretProtected = "unused" };
            db.Mailboxes.Add(box);
            await db.SaveChangesAsync();
            mailboxId = box.Id;
        }
        var stateA = f.A.Services.GetRequiredService<Otklik.Channels.Email.MailboxState>();
        var stateB = f.B.Services.GetRequiredService<Otklik.Channels.Email.MailboxState>();
        var attempts = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? stateA : stateB)
            .LeaseAsync(mailboxId, "node-" + i, TimeSpan.FromMinutes(2), CancellationToken.None));
        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(taken => taken));
    }
}
