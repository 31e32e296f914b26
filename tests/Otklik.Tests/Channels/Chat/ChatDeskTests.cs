using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Chat;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>The agents' chat desk over the real API and visitor hub: the queue, the per-agent limit, accept, assign, transfer, end.</summary>
public abstract class ChatDeskTests(ChatApp f)
{
    private async Task<(HttpClient Client, long Id)> AgentWithLimitAsync(int limit, string role = "agent", params long[] teams)
    {
        var agent = await f.CreateAgentAsync(role, teams);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{agent.Id}", new { chatLimit = limit }).ShouldBe(HttpStatusCode.OK);
        return agent;
    }

    private static Task<HttpResponseMessage> AcceptAsync(HttpClient agent, long ticketId) =>
        agent.PostAsync($"/api/v1/tickets/{ticketId}/chat/accept", null);

    [Fact]
    public async Task Accept_UpToTheLimit_ThenRefusesClearly_AndEndingAChatFreesASeat()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var (anna, _) = await AgentWithLimitAsync(2);
        await using var c1 = await f.StartChatAsync(key, "Первый вопрос");
        await using var c2 = await f.StartChatAsync(key, "Второй вопрос");
        await using var c3 = await f.StartChatAsync(key, "Третий вопрос");

        var queue = await anna.GetAsync("/api/v1/chats/queue").Json(HttpStatusCode.OK);
        var waiting = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ticketId").GetInt64()).ToList();
        Assert.Contains(c1.TicketId, waiting);
        Assert.True(waiting.IndexOf(c1.TicketId) < waiting.IndexOf(c3.TicketId), "The longest waiting chat comes first.");
        Assert.Equal(2, queue.GetProperty("limit").GetInt32());

        Assert.Equal(1, (await AcceptAsync(anna, c1.TicketId).Json(HttpStatusCode.OK)).GetProperty("held").GetInt32());
        Assert.Equal(2, (await AcceptAsync(anna, c2.TicketId).Json(HttpStatusCode.OK)).GetProperty("held").GetInt32());
        var refused = await AcceptAsync(anna, c3.TicketId).Problem(HttpStatusCode.Conflict);
        Assert.Equal("chat_limit", refused.Str("code"));
        Assert.Contains("limit is 2", refused.Str("detail"));
        Assert.Equal(JsonValueKindNull, (await f.GetTicketAsync(c3.TicketId)).GetProperty("assignee").ValueKind);

        queue = await anna.GetAsync("/api/v1/chats/queue").Json(HttpStatusCode.OK);
        var ids = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ticketId").GetInt64()).ToList();
        Assert.DoesNotContain(c1.TicketId, ids);
        Assert.Contains(c3.TicketId, ids);
        Assert.Equal(2, queue.GetProperty("held").GetInt32());

        await anna.PostAsync($"/api/v1/tickets/{c1.TicketId}/chat/end", null).ShouldBe(HttpStatusCode.NoContent);
        await AcceptAsync(anna, c3.TicketId).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ParallelAccepts_NeverGoPastTheLimit()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var (_, annaId) = await AgentWithLimitAsync(3);
        var chats = new List<LiveChat>();
        for (var i = 0; i < 8; i++) chats.Add(await f.StartChatAsync(key, "Срочно " + i));
        // Several clients of the same agent (tabs, API) accept at once.
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add(await f.App.SignInAsync(await f.DbAsync(db => db.Agents.Where(a => a.Id == annaId).Select(a => a.Email).SingleAsync()), AppFixture.AgentPassword));
        var answers = await Task.WhenAll(chats.Select((c, i) => AcceptAsync(clients[i % clients.Count], c.TicketId)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var ticketIds = chats.Select(c => c.TicketId).ToList();
        Assert.Equal(3, await f.DbAsync(db => db.Tickets.CountAsync(t => ticketIds.Contains(t.Id) && t.AssigneeId == annaId)));
        foreach (var c in chats) await c.DisposeAsync();
    }

    [Fact]
    public async Task TwoAgentsAcceptOneChat_OneGetsIt_TheOtherIsToldWho()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var (anna, annaId) = await AgentWithLimitAsync(3);
        var (boris, borisId) = await AgentWithLimitAsync(3);
        await using var chat = await f.StartChatAsync(key, "Кто мне поможет?");
        var both = await Task.WhenAll(AcceptAsync(anna, chat.TicketId), AcceptAsync(boris, chat.TicketId));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        var lost = both.Single(r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        Assert.Contains("chat_taken", await lost.Content.ReadAsStringAsync());
        var winner = (await f.GetTicketAsync(chat.TicketId)).GetProperty("assignee").Id();
        Assert.Contains(winner, new[] { annaId, borisId });
    }

    [Fact]
    public async Task Transfer_RespectsTheColleaguesLimit_KeepsTheNote_AndTellsTheVisitor()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var (anna, annaId) = await AgentWithLimitAsync(3);
        var (busy, busyId) = await AgentWithLimitAsync(1);
        var (_, vikaId) = await AgentWithLimitAsync(2);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{vikaId}", new { name = "Виктория Павлова" }).ShouldBe(HttpStatusCode.OK);
        await using var other = await f.StartChatAsync(key, "Чат занятого коллеги");
        await AcceptAsync(busy, other.TicketId).ShouldBe(HttpStatusCode.OK);
        await using var chat = await f.StartChatAsync(key, "Нужен возврат за заказ 4412");
        await AcceptAsync(anna, chat.TicketId).ShouldBe(HttpStatusCode.OK);

        var full = await anna.PostAsJsonAsync($"/api/v1/tickets/{chat.TicketId}/chat/transfer", new { agentId = busyId, note = "Возврат" }).Problem(HttpStatusCode.Conflict);
        Assert.Equal("chat_limit", full.Str("code"));
        await anna.PostAsJsonAsync($"/api/v1/tickets/{chat.TicketId}/chat/transfer", new { agentId = vikaId, note = "Клиент ждёт возврат, заказ 4412 оплачен картой" })
            .Json(HttpStatusCode.OK);

        var ticket = await f.GetTicketAsync(chat.TicketId);
        Assert.Equal(vikaId, ticket.GetProperty("assignee").Id());
        var transfer = ticket.GetProperty("timeline").EnumerateArray().Single(e => e.Str("kind") == "chat_transferred");
        Assert.Equal(annaId.ToString(), transfer.Str("oldValue"));
        Assert.Equal(vikaId.ToString(), transfer.Str("newValue"));
        Assert.Equal("Клиент ждёт возврат, заказ 4412 оплачен картой", transfer.Str("note"));
        Assert.Contains(ticket.GetProperty("messages").EnumerateArray(), m => m.Str("kind") == "note" && m.Str("body").Contains("4412 оплачен"));
        Assert.Equal(("transferred", "Виктория"), await ChatApp.WaitAsync(chat.Told, t => t.Event == "transferred"));
        // The note is for colleagues only: the visitor's history does not carry it.
        Assert.DoesNotContain(await chat.Hub.InvokeAsync<List<WidgetMessage>>("History"), m => m.Text.Contains("оплачен картой"));

        // To a team: nobody holds it, it waits in the queue again, and the visitor hears the team's name.
        var team = await f.CreateTeamAsync("Возвраты " + AppFixture.Unique());
        var vika = await f.App.SignInAsync(await f.DbAsync(db => db.Agents.Where(a => a.Id == vikaId).Select(a => a.Email).SingleAsync()), AppFixture.AgentPassword);
        await vika.PostAsJsonAsync($"/api/v1/tickets/{chat.TicketId}/chat/transfer", new { teamId = team }).ShouldBe(HttpStatusCode.OK);
        ticket = await f.GetTicketAsync(chat.TicketId);
        Assert.Equal(JsonValueKindNull, ticket.GetProperty("assignee").ValueKind);
        Assert.Equal(team, ticket.GetProperty("team").Id());
        var queue = await f.Admin.GetAsync("/api/v1/chats/queue").Json(HttpStatusCode.OK);
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("ticketId").GetInt64() == chat.TicketId);
        await ChatApp.WaitAsync(chat.Told, t => t.Event == "transferred" && t.Arg.StartsWith("Возвраты"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task OnlyTheHolderOrASupervisor_HandsAChatOver_AndOthersTeamsChatsAreNotFound()
    {
        var team = await f.CreateTeamAsync();
        var (key, inboxId, widgetId) = await f.CreateWidgetAsync();
        var (anna, _) = await AgentWithLimitAsync(3);
        var (carl, carlId) = await AgentWithLimitAsync(3);
        var (super, _) = await AgentWithLimitAsync(3, "supervisor");
        await using var chat = await f.StartChatAsync(key, "Помогите");
        await AcceptAsync(anna, chat.TicketId).ShouldBe(HttpStatusCode.OK);

        var stranger = await carl.PostAsJsonAsync($"/api/v1/tickets/{chat.TicketId}/chat/transfer", new { agentId = carlId }).Problem(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", stranger.Str("code"));
        await carl.PostAsync($"/api/v1/tickets/{chat.TicketId}/chat/accept", null).Problem(HttpStatusCode.Conflict);
        await super.PostAsJsonAsync($"/api/v1/tickets/{chat.TicketId}/chat/assign", new { agentId = carlId }).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(carlId, (await f.GetTicketAsync(chat.TicketId)).GetProperty("assignee").Id());

        // A chat of a team Anna is not in does not exist for her.
        await f.Admin.PutAsJsonAsync($"/api/v1/admin/chat-widgets/{widgetId}", new { name = "Team chat " + AppFixture.Unique(), allowedOrigins = new[] { ChatApp.SiteOrigin }, defaultTeamId = team })
            .ShouldBe(HttpStatusCode.OK);
        await using var teamChat = await f.StartChatAsync(key, "Вопрос команде");
        await anna.PostAsync($"/api/v1/tickets/{teamChat.TicketId}/chat/accept", null).Problem(HttpStatusCode.NotFound);
        await anna.PostAsync($"/api/v1/tickets/{teamChat.TicketId}/chat/end", null).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await anna.GetAsync("/api/v1/chats/queue").Json(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("ticketId").GetInt64() == teamChat.TicketId);
        Assert.NotEqual(0, inboxId);

        // Signed out: 401; the limit is the admin's to set, within reason.
        await f.App.Anonymous().PostAsync($"/api/v1/tickets/{chat.TicketId}/chat/accept", null).ShouldBe(HttpStatusCode.Unauthorized);
        await anna.PatchJsonAsync($"/api/v1/agents/{carlId}", new { chatLimit = 10 }).ShouldBe(HttpStatusCode.Forbidden);
        await f.Admin.PatchJsonAsync($"/api/v1/agents/{carlId}", new { chatLimit = 0 }).ValidationProblem("chatLimit");
    }

    [Fact]
    public async Task Widget_IsToldAtOnce_WhenTheFirstAgentComesOnline_AndWhenTheLastLeaves()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(key)).Str("token");
        await using var visitor = await f.ConnectAsync(key, token);
        var told = new System.Collections.Concurrent.ConcurrentQueue<(bool Online, string En, string Ru)>();
        visitor.On<bool, string, string>("availability", (online, en, ru) => told.Enqueue((online, en, ru)));

        var apiToken = await f.App.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
        var workspace = new HubConnectionBuilder().WithUrl(new Uri(f.BaseAddress, "/hubs/workspace"), o =>
        {
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(apiToken);
        }).Build();
        await workspace.StartAsync();
        Assert.Equal((true, "within 2 minutes", "в течение 2 минут"), await ChatApp.WaitAsync(told, t => t.Online));
        await workspace.DisposeAsync();
        Assert.Equal((false, "within 24 hours", "в течение 24 часов"), await ChatApp.WaitAsync(told, t => !t.Online));
    }

    [Fact]
    public async Task EndChat_ByAgentOrVisitor_TellsTheWidget_RecordsIt_AndTheNextMessageStartsAnew()
    {
        var (key, _, _) = await f.CreateWidgetAsync();
        await using var chat = await f.StartChatAsync(key, "Спасибо, всё понятно");
        await f.Admin.PostAsync($"/api/v1/tickets/{chat.TicketId}/chat/end", null).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(("ended", "agent"), await ChatApp.WaitAsync(chat.Told, t => t.Event == "ended"));
        var ended = (await f.GetTicketAsync(chat.TicketId)).GetProperty("timeline").EnumerateArray().Single(e => e.Str("kind") == "chat_ended");
        Assert.Equal("agent", ended.Str("newValue"));
        (await f.Admin.PostAsync($"/api/v1/tickets/{chat.TicketId}/chat/end", null).Problem(HttpStatusCode.Conflict)).Str("code").ShouldEqual("chat_not_active");
        Assert.Empty(await chat.Hub.InvokeAsync<List<WidgetMessage>>("History"));

        var again = await chat.Hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Ещё один вопрос");
        var second = await f.TicketOfMessageAsync(again.Id);
        Assert.NotEqual(chat.TicketId, second);
        await chat.Hub.InvokeAsync("End");
        var byVisitor = (await f.GetTicketAsync(second)).GetProperty("timeline").EnumerateArray().Single(e => e.Str("kind") == "chat_ended");
        Assert.Equal("visitor", byVisitor.Str("newValue"));
        for (var i = 0; i < 100 && chat.Told.Count(t => t.Event == "ended") < 2; i++) await Task.Delay(50);
        Assert.Equal(2, chat.Told.Count(t => t.Event == "ended"));
    }
}

internal static class AssertText
{
    public static void ShouldEqual(this string actual, string expected) => Assert.Equal(expected, actual);
}

public sealed class ChatDeskTests_Sqlite(SqliteChatApp f) : ChatDeskTests(f), IClassFixture<SqliteChatApp>;

public sealed class ChatDeskTests_Postgres(PostgresChatApp f) : ChatDeskTests(f), IClassFixture<PostgresChatApp>;
