using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Tests.Features.WebForms;
using Otklik.Tests.TestSupport;
using static Otklik.Tests.Features.WebForms.FormsKit;

namespace Otklik.Tests.Features.Callbacks;

public abstract class CallbackTests(AppFixture f)
{
    private static string Tomorrow(string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, zone)).AddDays(1).ToString("yyyy-MM-dd");

    private static string NewPhone(out string e164)
    {
        var digits = Random.Shared.NextInt64(1_000_000, 9_999_999).ToString();
        e164 = "+7926" + digits;
        return $"8 (926) {digits[..3]}-{digits[3..5]}-{digits[5..]}";
    }

    private async Task<JsonElement> RequestAsync(string key, string phone, string zone = "Asia/Yekaterinburg", string from = "10:00", string to = "12:00",
        string? comment = null, string? homepage = null)
    {
        var visitor = Visitor(f);
        return await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new
        {
            name = "Светлана", phone, date = Tomorrow(zone), from, to, timeZone = zone, comment, homepage, formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Honeypot_AnswersLikeARealRequest_ButFilesNothing()
    {
        var (inboxId, key) = await CreateFormAsync(f, channel: "phone");
        var real = await RequestAsync(key, NewPhone(out _));
        var bot = await RequestAsync(key, NewPhone(out var botPhone), homepage: "http://spam.test");

        static string Shape(JsonElement e) => string.Join(",", e.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));
        Assert.Equal(Shape(real), Shape(bot));
        Assert.True(bot.GetProperty("ticketNumber").GetInt64() > real.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(botPhone, bot.Str("phone"));
        Assert.Equal(real.Str("when"), bot.Str("when"));
        Assert.Equal(1, await DbAsync(f, db => db.Tickets.CountAsync(t => t.InboxId == inboxId)));
    }

    [Fact]
    public async Task Callback_OpensPhoneTicket_DueAtTheWindowsEnd_ForTheCustomerOfThatPhone()
    {
        var (inboxId, key) = await CreateFormAsync(f, channel: "phone");
        var requested = await RequestAsync(key, NewPhone(out var e164), comment: "Про возврат <script>");
        var number = requested.GetProperty("ticketNumber").GetInt64();
        var ticket = await f.GetTicketAsync(number);
        Assert.Equal("phone", ticket.Str("channel"));
        Assert.Equal(inboxId, ticket.GetProperty("inboxId").GetInt64());
        Assert.Contains("Про возврат <script>", ticket.GetProperty("messages")[0].Str("body"));

        var task = await f.Admin.GetAsync($"/api/v1/tickets/{number}/callback").Json(HttpStatusCode.OK);
        Assert.Equal(e164, task.Str("phone"));
        Assert.Equal("Asia/Yekaterinburg", task.Str("timeZone"));
        // 12:00 in Yekaterinburg (UTC+5) is 07:00 UTC.
        var expectedEnd = DateTime.Parse(Tomorrow("Asia/Yekaterinburg") + "T07:00:00Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expectedEnd, task.GetProperty("dueAt").GetDateTime());
        Assert.Equal(expectedEnd, task.GetProperty("windowEnd").GetDateTime());
        Assert.Equal(expectedEnd.AddHours(-2), task.GetProperty("windowStart").GetDateTime());
        Assert.True(task.GetProperty("isOpen").GetBoolean());
        Assert.False(task.GetProperty("isOverdue").GetBoolean());

        var again = await RequestAsync(key, "+7 926 " + e164[5..]);
        var second = await f.GetTicketAsync(again.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(ticket.GetProperty("customer").Id(), second.GetProperty("customer").Id());
        var due = await f.Admin.GetAsync("/api/v1/callbacks").Json(HttpStatusCode.OK);
        Assert.Contains(due.EnumerateArray(), c => c.GetProperty("ticketId").GetInt64() == number);
    }

    [Fact]
    public async Task Attempts_GoOnTheTimeline_AndReachedSolvesTheTask()
    {
        var (_, key) = await CreateFormAsync(f, channel: "phone");
        var number = (await RequestAsync(key, NewPhone(out _))).GetProperty("ticketNumber").GetInt64();
        var url = $"/api/v1/tickets/{number}/callback/attempts";

        var afterFirst = await f.Admin.PostAsJsonAsync(url, new { outcome = "no_answer", note = "Гудки" }).Json(HttpStatusCode.Created);
        Assert.Equal(1, afterFirst.GetProperty("attempts").GetInt32());
        Assert.Equal("no_answer", afterFirst.Str("lastOutcome"));
        await f.Admin.PostAsJsonAsync(url, new { outcome = "no_answer", solve = true }).ValidationProblem("solve");
        var done = await f.Admin.PostAsJsonAsync(url, new { outcome = "reached", note = "Договорились", solve = true }).Json(HttpStatusCode.Created);
        Assert.False(done.GetProperty("isOpen").GetBoolean());
        Assert.Equal(["no_answer", "reached"], done.GetProperty("attemptLog").EnumerateArray().Select(a => a.Str("outcome")));
        Assert.Equal("Administrator", done.GetProperty("attemptLog")[0].Str("agentName"));

        var ticket = await f.GetTicketAsync(number);
        Assert.Equal("solved", ticket.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, ticket.GetProperty("firstResponseAt").ValueKind);
        var calls = ticket.GetProperty("timeline").EnumerateArray().Where(e => e.Str("kind") == "call_attempt").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("no_answer", calls[0].Str("field"));
        Assert.Equal("Гудки", calls[0].Str("note"));
        Assert.Equal("agent", calls[0].Str("actorKind"));
        var due = await f.Admin.GetAsync("/api/v1/callbacks").Json(HttpStatusCode.OK);
        Assert.DoesNotContain(due.EnumerateArray(), c => c.GetProperty("ticketId").GetInt64() == number);
    }

    [Fact]
    public async Task CallBackAt_MovesTheWindow()
    {
        var (_, key) = await CreateFormAsync(f, channel: "phone");
        var number = (await RequestAsync(key, NewPhone(out _))).GetProperty("ticketNumber").GetInt64();
        var at = new DateTimeOffset(DateTime.UtcNow.AddHours(3).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(3));
        var moved = await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "call_back", callBackAt = at, note = "Просил после обеда" })
            .Json(HttpStatusCode.Created);
        Assert.Equal(at.UtcDateTime, moved.GetProperty("windowStart").GetDateTime());
        Assert.Equal(at.UtcDateTime.AddMinutes(30), moved.GetProperty("dueAt").GetDateTime());
        Assert.True(moved.GetProperty("isOpen").GetBoolean());
        var log = moved.GetProperty("attemptLog")[0];
        Assert.Equal(at.UtcDateTime, log.GetProperty("windowStart").GetDateTime());

        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "call_back" }).ValidationProblem("callBackAt");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "call_back", callBackAt = DateTimeOffset.UtcNow.AddHours(-1) }).ValidationProblem("callBackAt");
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "maybe" }).ValidationProblem("outcome");
    }

    [Fact]
    public async Task WindowPassedWithoutReachingTheCustomer_IsOverdue()
    {
        var (_, key) = await CreateFormAsync(f, channel: "phone");
        var missed = (await RequestAsync(key, NewPhone(out _))).GetProperty("ticketNumber").GetInt64();
        var reached = (await RequestAsync(key, NewPhone(out _))).GetProperty("ticketNumber").GetInt64();
        var later = (await RequestAsync(key, NewPhone(out _), from: "15:00", to: "16:00")).GetProperty("ticketNumber").GetInt64();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{reached}/callback/attempts", new { outcome = "reached" }).ShouldBe(HttpStatusCode.Created);
        // Time passes: both windows end an hour ago.
        var past = DateTime.UtcNow.AddHours(-1);
        await DbAsync(f, db => db.CallbackRequests.Where(c => c.TicketId == missed || c.TicketId == reached)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowStart, past.AddHours(-2)).SetProperty(c => c.WindowEnd, past)));

        Assert.True((await f.Admin.GetAsync($"/api/v1/tickets/{missed}/callback").Json(HttpStatusCode.OK)).GetProperty("isOverdue").GetBoolean());
        Assert.False((await f.Admin.GetAsync($"/api/v1/tickets/{reached}/callback").Json(HttpStatusCode.OK)).GetProperty("isOverdue").GetBoolean());
        var overdue = (await f.Admin.GetAsync("/api/v1/callbacks?overdue=true").Json(HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("ticketId").GetInt64()).ToList();
        Assert.Contains(missed, overdue);
        Assert.DoesNotContain(reached, overdue);
        Assert.DoesNotContain(later, overdue);
        // The due list puts the missed one before the later one: soonest window end first.
        var due = (await f.Admin.GetAsync("/api/v1/callbacks").Json(HttpStatusCode.OK)).EnumerateArray().Select(c => c.GetProperty("ticketId").GetInt64()).ToList();
        Assert.True(due.IndexOf(missed) < due.IndexOf(later), string.Join(",", due));
    }

    [Fact]
    public async Task AgentsOutsideTheTeam_CannotSeeOrLogCalls_AndAnonymousCallersGet401()
    {
        var team = await f.CreateTeamAsync();
        var (_, key) = await CreateFormAsync(f, channel: "phone", teamId: team);
        var number = (await RequestAsync(key, NewPhone(out _))).GetProperty("ticketNumber").GetInt64();
        var (outsider, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        await outsider.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "reached" }).Problem(HttpStatusCode.NotFound);
        await outsider.GetAsync($"/api/v1/tickets/{number}/callback").Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await outsider.GetAsync("/api/v1/callbacks").Json(HttpStatusCode.OK)).EnumerateArray(), c => c.GetProperty("ticketId").GetInt64() == number);
        var (member, _) = await f.CreateAgentAsync("agent", team);
        await member.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "busy" }).ShouldBe(HttpStatusCode.Created);

        var anonymous = f.App.Anonymous();
        await anonymous.GetAsync($"/api/v1/tickets/{number}/callback").ShouldBe(HttpStatusCode.Unauthorized);
        await anonymous.PostAsJsonAsync($"/api/v1/tickets/{number}/callback/attempts", new { outcome = "reached" }).ShouldBe(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync("/api/v1/callbacks").ShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal(1, await DbAsync(f, db => db.CallbackRequests.Where(c => c.TicketId == number).Select(c => c.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task BadRequests_AreRefusedFieldByField_AndDisabledCallbacksAreNotFound()
    {
        var (inboxId, key) = await CreateFormAsync(f, channel: "phone");
        var visitor = Visitor(f, "ru");
        var token = await AgedTokenAsync(visitor, key);
        var today = Tomorrow("Europe/Moscow");
        var problem = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new { phone = "call me", date = today, from = "12:00", to = "11:00", timeZone = "Europe/Moscow", formToken = token })
            .ValidationProblem("phone");
        var errors = problem.GetProperty("errors");
        Assert.Equal("Заполните поле «Ваше имя».", errors.GetProperty("name")[0].GetString());
        Assert.Equal("Конец промежутка должен быть позже начала.", errors.GetProperty("to")[0].GetString());
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new { name = "A", phone = "+79161234567", date = "2020-01-01", from = "10:00", to = "11:00", timeZone = "Europe/Moscow", formToken = token })
            .ValidationProblem("date");
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new { name = "A", phone = "+79161234567", date = today, from = "10:00", to = "11:00", timeZone = "Mars/Olympus", formToken = token })
            .ValidationProblem("timeZone");
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new { name = "A", phone = "+79161234567", date = today, from = "10", to = "11:00", timeZone = "Europe/Moscow", formToken = token })
            .ValidationProblem("from");
        Assert.Equal(0, await DbAsync(f, db => db.Tickets.CountAsync(t => t.InboxId == inboxId)));

        await EnableAsync(f, inboxId, new { isEnabled = true, callbackEnabled = false });
        await visitor.GetAsync($"/form/{key}/callback").ShouldBe(HttpStatusCode.NotFound);
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new { name = "A" }).Problem(HttpStatusCode.NotFound);
    }
}

public sealed class CallbackTests_Sqlite(FormsSqliteApp f) : CallbackTests(f), IClassFixture<FormsSqliteApp>;

public sealed class CallbackTests_Postgres(FormsPostgresApp f) : CallbackTests(f), IClassFixture<FormsPostgresApp>;
