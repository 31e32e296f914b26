using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Chat;
using Otklik.Realtime;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Cluster;

/// <summary>Routing in a cluster: presence on one node counts on the other, limits hold across nodes, each chat is routed once.</summary>
public sealed class ChatRoutingTwoNodeTests(TwoNodes f) : IClassFixture<TwoNodes>
{
    private async Task<(long Team, string Key)> TeamWidgetAsync()
    {
        var team = (await f.AdminA.PostAsJsonAsync("/api/v1/teams", new { name = AppFixture.Unique("team-") }).Json(HttpStatusCode.Created)).Id();
        var w = await f.AdminA.PostAsJsonAsync("/api/v1/admin/chat-widgets",
            new { name = AppFixture.Unique("Chat "), allowedOrigins = new[] { TwoNodes.SiteOrigin }, defaultTeamId = team }).Json(HttpStatusCode.Created);
        return (team, w.Str("publicKey"));
    }

    private async Task<(long Id, string Token)> AgentAsync(long team, int limit)
    {
        var email = AppFixture.Unique("agent") + "@test.local";
        var id = (await f.AdminA.PostAsJsonAsync("/api/v1/agents",
                new { email, name = "Agent " + email, role = "agent", password = AppFixture.AgentPassword, teamIds = new[] { team } })
            .Json(HttpStatusCode.Created)).GetProperty("agent").Id();
        await f.AdminA.PatchJsonAsync($"/api/v1/agents/{id}", new { chatLimit = limit }).ShouldBe(HttpStatusCode.OK);
        return (id, await f.A.IssueTokenAsync(email, AppFixture.AgentPassword));
    }

    private static async Task<(HubConnection Hub, long TicketId, ConcurrentQueue<string> Joined)> ChatAsync(OtklikApp node, string key, string text)
    {
        var (_, session) = await TwoNodes.SessionAsync(node, key);
        var hub = await TwoNodes.VisitorAsync(node, key, session.Str("token"));
        var joined = new ConcurrentQueue<string>();
        hub.On<string>("joined", who => joined.Enqueue(who));
        var sent = await hub.InvokeAsync<WidgetMessage>("Send", "c-" + AppFixture.Unique(), text);
        await using var scope = node.Services.CreateAsyncScope();
        var ticketId = await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages.Where(m => m.Id == sent.Id).Select(m => m.TicketId).SingleAsync();
        return (hub, ticketId, joined);
    }

    private async Task<T> DbAsync<T>(Func<OtklikDb, Task<T>> query)
    {
        await using var scope = f.A.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OtklikDb>());
    }

    private Task UntilOnlineEverywhereAsync(params long[] agents) => TwoNodes.UntilAsync(() => Task.FromResult(agents.All(a =>
        f.A.Services.GetRequiredService<AgentPresence>().IsOnline(a) && f.B.Services.GetRequiredService<AgentPresence>().IsOnline(a))), "both nodes see the agents online");

    [Fact]
    public async Task AChatOnA_GoesToAnAgentOnlineOnB_WhoseScreensOnBAreTold()
    {
        var (team, key) = await TeamWidgetAsync();
        var (anna, token) = await AgentAsync(team, 2);
        var screensOnB = new ConcurrentQueue<LiveEvent>();
        using var _ = f.B.Services.GetRequiredService<LiveFeed>().Subscribe(e => { screensOnB.Enqueue(e); return Task.CompletedTask; });
        await using var online = await TwoNodes.WorkspaceAsync(f.B, token);
        await UntilOnlineEverywhereAsync(anna);

        var (visitor, ticketId, joined) = await ChatAsync(f.A, key, "Где мой заказ?");
        await using (visitor)
        {
            await TwoNodes.WaitAsync(screensOnB, e => e.Kind == ChatRouting.RoutedEvent && e.TicketId == ticketId && e.AssigneeId == anna, "chat.routed on B");
            Assert.Equal("Agent", await TwoNodes.WaitAsync(joined, _ => true, "the visitor on A hears who joined"));
            Assert.Equal(1, await DbAsync(db => db.TimelineEvents.CountAsync(e => e.TicketId == ticketId && e.Kind == TimelineKinds.ChatRouted)));
        }
    }

    [Fact]
    public async Task ChatsArrivingOnBothNodesAtOnce_AreRoutedOnce_AndNeverPastALimit()
    {
        var (team, key) = await TeamWidgetAsync();
        var (anna, annaToken) = await AgentAsync(team, 2);
        var (boris, borisToken) = await AgentAsync(team, 1);
        await using var annaOnA = await TwoNodes.WorkspaceAsync(f.A, annaToken);
        await using var borisOnB = await TwoNodes.WorkspaceAsync(f.B, borisToken);
        await UntilOnlineEverywhereAsync(anna, boris);

        var chats = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ChatAsync(i % 2 == 0 ? f.A : f.B, key, "Срочно " + i)));
        var ids = chats.Select(c => c.TicketId).ToList();
        await TwoNodes.UntilAsync(async () => await DbAsync(db => db.Tickets.CountAsync(t => ids.Contains(t.Id) && t.AssigneeId != null)) >= 3, "three chats routed");
        await Task.Delay(1500); // passes still running on either node would show here

        Assert.Equal(2, await DbAsync(db => db.Tickets.CountAsync(t => ids.Contains(t.Id) && t.AssigneeId == anna)));
        Assert.Equal(1, await DbAsync(db => db.Tickets.CountAsync(t => ids.Contains(t.Id) && t.AssigneeId == boris)));
        Assert.Equal(3, await DbAsync(db => db.TimelineEvents.CountAsync(e => ids.Contains(e.TicketId) && e.Kind == TimelineKinds.ChatRouted)));
        foreach (var c in chats) await c.Hub.DisposeAsync();
    }
}
