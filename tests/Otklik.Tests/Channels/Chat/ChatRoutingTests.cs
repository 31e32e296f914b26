using System.Net;
using Microsoft.EntityFrameworkCore;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>
/// Automatic routing of live chats over the real widget hub, workspace hub and API. Every test routes within a team of its
/// own, so chats other tests leave waiting never reach its agents.
/// </summary>
public abstract class ChatRoutingTests(ChatApp f)
{
    [Fact]
    public async Task NewChats_GoToTheLeastLoaded_TiesToWhoWaitedLongest_AndTheTimelineAndWidgetSaySo()
    {
        var team = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(team);
        var anna = await f.RoutableAgentAsync(3, team);
        var boris = await f.RoutableAgentAsync(3, team);
        await using var annaOnline = await f.OnlineAsync(anna);
        await using var borisOnline = await f.OnlineAsync(boris);

        await using var c1 = await f.StartChatAsync(key, "Первый");
        var first = await f.RoutedAsync(c1.TicketId);
        var second = first == anna ? boris : anna;
        await using var c2 = await f.StartChatAsync(key, "Второй");
        Assert.Equal(second, await f.RoutedAsync(c2.TicketId)); // 0 chats beats 1
        await using var c3 = await f.StartChatAsync(key, "Третий");
        Assert.Equal(first, await f.RoutedAsync(c3.TicketId)); // 1:1, and the first waited longer since their last chat

        var routed = (await f.GetTicketAsync(c1.TicketId)).GetProperty("timeline").EnumerateArray().Single(e => e.Str("kind") == "chat_routed");
        Assert.Equal(first.ToString(), routed.Str("newValue"));
        Assert.Equal("system", routed.Str("actorKind"));
        var joined = await ChatApp.WaitAsync(c1.Told, t => t.Event == "joined");
        Assert.Equal("Agent", joined.Arg); // the visitor hears the agent's first name
    }

    [Fact]
    public async Task TheLimitIsKept_TheRestWait_AndAFreedSeatTakesTheLongestWaiting()
    {
        var team = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(team);
        var anna = await f.RoutableAgentAsync(1, team);
        await using var online = await f.OnlineAsync(anna);
        await using var c1 = await f.StartChatAsync(key, "Один");
        Assert.Equal(anna, await f.RoutedAsync(c1.TicketId));
        await using var c2 = await f.StartChatAsync(key, "Два");
        await using var c3 = await f.StartChatAsync(key, "Три");
        await ChatRoutingKit.SettleAsync();
        Assert.Null(await f.AssigneeAsync(c2.TicketId));
        Assert.Null(await f.AssigneeAsync(c3.TicketId));

        await f.Admin.PostAsync($"/api/v1/tickets/{c1.TicketId}/chat/end", null).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(anna, await f.RoutedAsync(c2.TicketId));
        await ChatRoutingKit.SettleAsync();
        Assert.Null(await f.AssigneeAsync(c3.TicketId));

        // Solving frees the seat too.
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{c2.TicketId}", new { status = "solved" }).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(anna, await f.RoutedAsync(c3.TicketId));
    }

    [Fact]
    public async Task OfflineAgentsAreSkipped_AndAnAgentComingOnlineGetsTheLongestWaiting()
    {
        var team = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(team);
        var anna = await f.RoutableAgentAsync(1, team);
        await using var c1 = await f.StartChatAsync(key, "Есть кто?");
        await using var c2 = await f.StartChatAsync(key, "Ау");
        await ChatRoutingKit.SettleAsync();
        Assert.Null(await f.AssigneeAsync(c1.TicketId));

        await using (var online = await f.OnlineAsync(anna)) Assert.Equal(anna, await f.RoutedAsync(c1.TicketId));
        await ChatRoutingKit.SettleAsync();
        Assert.Null(await f.AssigneeAsync(c2.TicketId));
    }

    [Fact]
    public async Task OnlyMembersOfTheChatsTeam_AndATransferToATeamIsRoutedThere()
    {
        var sales = await f.CreateTeamAsync();
        var billing = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(sales);
        var seller = await f.RoutableAgentAsync(5, sales);
        var biller = await f.RoutableAgentAsync(5, billing);
        await using var sellerOnline = await f.OnlineAsync(seller);
        await using var billerOnline = await f.OnlineAsync(biller);

        await using var c1 = await f.StartChatAsync(key, "Сколько стоит?");
        Assert.Equal(seller, await f.RoutedAsync(c1.TicketId));
        await using var c2 = await f.StartChatAsync(key, "А со скидкой?");
        Assert.Equal(seller, await f.RoutedAsync(c2.TicketId)); // the biller is free but not in sales

        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{c1.TicketId}/chat/transfer", new { teamId = billing, note = "Вопрос по счёту" })
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(biller, await f.RoutedAsync(c1.TicketId));
    }

    [Fact]
    public async Task AChatTransferredToItsTeam_DoesNotBounceBackToWhoHandedItOff()
    {
        var team = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(team);
        var anna = await f.RoutableAgentAsync(3, team);
        var boris = await f.RoutableAgentAsync(3, team);
        await using var annaOnline = await f.OnlineAsync(anna);
        await using var borisOnline = await f.OnlineAsync(boris);
        await using var c1 = await f.StartChatAsync(key, "Первый");
        var first = await f.RoutedAsync(c1.TicketId);
        await using var c2 = await f.StartChatAsync(key, "Второй");
        var second = await f.RoutedAsync(c2.TicketId);

        // The second agent, now the least loaded, let the chat go: it goes to the colleague instead.
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{c2.TicketId}/chat/transfer", new { teamId = team, note = "Посмотрите, пожалуйста" })
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(first, await f.RoutedAsync(c2.TicketId));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ManualWidgetsKeepTheQueue_AndNewWidgetsDefaultToAuto()
    {
        var team = await f.CreateTeamAsync();
        var created = await f.Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets",
            new { name = AppFixture.Unique("Chat "), allowedOrigins = new[] { ChatApp.SiteOrigin } }).Json(HttpStatusCode.Created);
        Assert.Equal("auto", created.Str("routing"));
        await f.Admin.PostAsJsonAsync("/api/v1/admin/chat-widgets", new { name = "x", routing = "sometimes" }).ValidationProblem("routing");

        var (manual, _) = await f.CreateRoutedWidgetAsync(team, "manual");
        var (auto, _) = await f.CreateRoutedWidgetAsync(team);
        var anna = await f.RoutableAgentAsync(5, team);
        await using var online = await f.OnlineAsync(anna);
        await using var waiting = await f.StartChatAsync(manual, "Вручную");
        await using var routed = await f.StartChatAsync(auto, "Автоматически");
        Assert.Equal(anna, await f.RoutedAsync(routed.TicketId));
        await ChatRoutingKit.SettleAsync();
        Assert.Null(await f.AssigneeAsync(waiting.TicketId)); // it came first, yet stays for someone to accept
    }

    [Fact]
    public async Task ManyChatsAtOnce_NeverGoPastAnyLimit()
    {
        var team = await f.CreateTeamAsync();
        var (key, _) = await f.CreateRoutedWidgetAsync(team);
        var agents = new[] { await f.RoutableAgentAsync(2, team), await f.RoutableAgentAsync(2, team) };
        var online = await Task.WhenAll(agents.Select(a => f.OnlineAsync(a)));
        var chats = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => f.StartChatAsync(key, "Срочно " + i)));
        var ids = chats.Select(c => c.TicketId).ToList();

        var until = DateTime.UtcNow.AddSeconds(15);
        while (await f.DbAsync(db => db.Tickets.CountAsync(t => ids.Contains(t.Id) && t.AssigneeId != null)) < 4 && DateTime.UtcNow < until)
            await Task.Delay(100);
        await ChatRoutingKit.SettleAsync();
        var held = await f.DbAsync(db => db.Tickets.Where(t => ids.Contains(t.Id) && t.AssigneeId != null)
            .GroupBy(t => t.AssigneeId).Select(g => g.Count()).ToListAsync());
        Assert.Equal([2, 2], held);
        foreach (var c in chats) await c.DisposeAsync();
        foreach (var o in online) await o.DisposeAsync();
    }

    [Fact]
    public async Task AChatWithoutATeam_GoesToAnyOnlineAgent()
    {
        var (key, _) = await f.CreateRoutedWidgetAsync(null);
        var anna = await f.RoutableAgentAsync(2);
        await using var online = await f.OnlineAsync(anna);
        await using var chat = await f.StartChatAsync(key, "Без команды");
        Assert.Equal(anna, await f.RoutedAsync(chat.TicketId));
        await f.Admin.PostAsync($"/api/v1/tickets/{chat.TicketId}/chat/end", null).ShouldBe(HttpStatusCode.NoContent);
    }
}

public sealed class ChatRoutingTests_Sqlite(SqliteRoutingApp f) : ChatRoutingTests(f), IClassFixture<SqliteRoutingApp>;

public sealed class ChatRoutingTests_Postgres(PostgresRoutingApp f) : ChatRoutingTests(f), IClassFixture<PostgresRoutingApp>;
