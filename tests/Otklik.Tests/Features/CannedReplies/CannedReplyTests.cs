using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.CannedReplies;

public abstract class CannedReplyTests(AppFixture f)
{
    private const string Api = "/api/v1/canned-replies";

    private static async Task<JsonElement> CreateAsync(HttpClient client, string title, string body = "Здравствуйте!", bool shared = false) =>
        await client.PostAsJsonAsync(Api, new { title, body, shared }).Json(HttpStatusCode.Created);

    private static async Task<long[]> ListIdsAsync(HttpClient client, string? q = null) =>
        (await client.GetAsync(q is null ? Api : $"{Api}?q={Uri.EscapeDataString(q)}").Json(HttpStatusCode.OK)).EnumerateArray().Select(r => r.Id()).ToArray();

    [Fact]
    public async Task PersonalReply_IsSeenAndChangedOnlyByItsOwner()
    {
        var (owner, ownerId) = await f.CreateAgentAsync();
        var (other, _) = await f.CreateAgentAsync();
        var mine = await CreateAsync(owner, "Мой шаблон");
        Assert.False(mine.GetProperty("shared").GetBoolean());
        Assert.Equal(ownerId, mine.GetProperty("ownerAgentId").GetInt64());
        Assert.True(mine.GetProperty("canEdit").GetBoolean());

        Assert.Contains(mine.Id(), await ListIdsAsync(owner));
        Assert.DoesNotContain(mine.Id(), await ListIdsAsync(other));
        Assert.DoesNotContain(mine.Id(), await ListIdsAsync(f.Admin));
        await other.PatchJsonAsync($"{Api}/{mine.Id()}", new { title = "Stolen" }).Problem(HttpStatusCode.NotFound);
        await f.Admin.DeleteAsync($"{Api}/{mine.Id()}").Problem(HttpStatusCode.NotFound);
        var ticket = (await f.CreateTicketAsync()).Id();
        await other.PostAsync($"/api/v1/tickets/{ticket}/canned-replies/{mine.Id()}/render", null).Problem(HttpStatusCode.NotFound);

        var edited = await owner.PatchJsonAsync($"{Api}/{mine.Id()}", new { body = "Новый текст" }).Json(HttpStatusCode.OK);
        Assert.Equal("Мой шаблон", edited.Str("title"));
        Assert.Equal("Новый текст", edited.Str("body"));
        await owner.DeleteAsync($"{Api}/{mine.Id()}").ShouldBe(HttpStatusCode.NoContent);
        Assert.DoesNotContain(mine.Id(), await ListIdsAsync(owner));
    }

    [Fact]
    public async Task SharedReplies_AreManagedBySupervisorsAndAdminsOnly()
    {
        var (agent, _) = await f.CreateAgentAsync();
        var (supervisor, _) = await f.CreateAgentAsync("supervisor");
        await agent.PostAsJsonAsync(Api, new { title = "Всем", body = "x", shared = true }).Problem(HttpStatusCode.Forbidden);

        var shared = await CreateAsync(supervisor, "Общий", shared: true);
        Assert.True(shared.GetProperty("shared").GetBoolean());
        Assert.True(JsonValueKind.Null == shared.GetProperty("ownerAgentId").ValueKind);
        var seen = (await agent.GetAsync(Api).Json(HttpStatusCode.OK)).EnumerateArray().Single(r => r.Id() == shared.Id());
        Assert.False(seen.GetProperty("canEdit").GetBoolean());
        await agent.PatchJsonAsync($"{Api}/{shared.Id()}", new { title = "Мой" }).Problem(HttpStatusCode.Forbidden);
        await agent.DeleteAsync($"{Api}/{shared.Id()}").Problem(HttpStatusCode.Forbidden);

        var own = await CreateAsync(agent, "Личный");
        await agent.PatchJsonAsync($"{Api}/{own.Id()}", new { shared = true }).Problem(HttpStatusCode.Forbidden);

        var edited = await f.Admin.PatchJsonAsync($"{Api}/{shared.Id()}", new { title = "Общий, правка" }).Json(HttpStatusCode.OK);
        Assert.Equal("Общий, правка", edited.Str("title"));
        await supervisor.DeleteAsync($"{Api}/{shared.Id()}").ShouldBe(HttpStatusCode.NoContent);
        Assert.DoesNotContain(shared.Id(), await ListIdsAsync(agent));
    }

    [Fact]
    public async Task Validation_NamesTheFieldInEnglishAndRussian()
    {
        var (agent, _) = await f.CreateAgentAsync();
        await agent.PostAsJsonAsync(Api, new { title = "", body = "x" }).ValidationProblem("title");
        await agent.PostAsJsonAsync(Api, new { title = "t" }).ValidationProblem("body");
        await agent.PostAsJsonAsync(Api, new { title = new string('a', 121), body = "x" }).ValidationProblem("title");
        await agent.PostAsJsonAsync(Api, new { title = "t", body = new string('a', 10_001) }).ValidationProblem("body");
        var ok = await CreateAsync(agent, new string('a', 120), new string('b', 10_000));
        await agent.PatchJsonAsync($"{Api}/{ok.Id()}", new { title = " " }).ValidationProblem("title");

        using var russian = new HttpRequestMessage(HttpMethod.Post, Api) { Content = JsonContent.Create(new { title = "", body = "x" }) };
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var problem = await agent.SendAsync(russian).ValidationProblem("title");
        Assert.Contains("обязательно", problem.GetProperty("errors").GetProperty("title")[0].GetString());
    }

    [Fact]
    public async Task List_SearchesTitleAndBodyAndPutsTheMostUsedFirst()
    {
        var (agent, _) = await f.CreateAgentAsync();
        var word = AppFixture.Unique("слово");
        var byTitle = await CreateAsync(agent, "Возврат " + word.ToUpperInvariant());
        var byBody = await CreateAsync(agent, "Доставка", "Про " + word + " и сроки");
        await CreateAsync(agent, "Другое");
        Assert.Equal([byTitle.Id(), byBody.Id()], await ListIdsAsync(agent, word));

        var ticket = (await f.CreateTicketAsync()).Id();
        for (var i = 0; i < 2; i++)
            await agent.PostAsync($"/api/v1/tickets/{ticket}/canned-replies/{byBody.Id()}/render", null).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([byBody.Id(), byTitle.Id()], await ListIdsAsync(agent, word));
        var listed = (await agent.GetAsync(Api).Json(HttpStatusCode.OK)).EnumerateArray().Single(r => r.Id() == byBody.Id());
        Assert.Equal(2, listed.GetProperty("usageCount").GetInt32());
    }

    [Fact]
    public async Task Render_FillsTheTicketsCustomerTheCallerAndTheCompany()
    {
        var (agent, _) = await f.CreateAgentAsync();
        var ticket = await f.Admin.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "Посылка потерялась",
            customer = new { email = AppFixture.Unique() + "@customer.test", name = "Мария Иванова" },
            message = new { body = "Где посылка?" },
        }).Json(HttpStatusCode.Created);
        var reply = await CreateAsync(agent, "Приветствие",
            "Здравствуйте, {{customer.first_name}} ({{customer.name}})! #{{ticket.id}} «{{ticket.subject}}». {{agent.first_name}}, {{company.name}}. {{order.number}}");
        Assert.Equal(["order.number"], reply.GetProperty("unknownVariables").EnumerateArray().Select(v => v.GetString()));

        var rendered = await agent.PostAsync($"/api/v1/tickets/{ticket.Id()}/canned-replies/{reply.Id()}/render", null).Json(HttpStatusCode.OK);
        Assert.Equal($"Здравствуйте, Мария (Мария Иванова)! #{ticket.Id()} «Посылка потерялась». Agent, Otklik. {{{{order.number}}}}", rendered.Str("text"));
        Assert.Equal(["order.number"], rendered.GetProperty("unknownVariables").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Render_OnATicketTheAgentMayNotSee_Is404AndNotCounted()
    {
        var (agent, _) = await f.CreateAgentAsync("agent", await f.CreateTeamAsync());
        var hidden = (await f.CreateTicketAsync(teamId: await f.CreateTeamAsync())).Id();
        var reply = await CreateAsync(agent, "Скрытый тикет");
        await agent.PostAsync($"/api/v1/tickets/{hidden}/canned-replies/{reply.Id()}/render", null).Problem(HttpStatusCode.NotFound);
        await agent.PostAsync($"/api/v1/tickets/999999999/canned-replies/{reply.Id()}/render", null).Problem(HttpStatusCode.NotFound);
        var visible = (await f.CreateTicketAsync()).Id();
        await agent.PostAsync($"/api/v1/tickets/{visible}/canned-replies/999999999/render", null).Problem(HttpStatusCode.NotFound);
        var listed = (await agent.GetAsync(Api).Json(HttpStatusCode.OK)).EnumerateArray().Single(r => r.Id() == reply.Id());
        Assert.Equal(0, listed.GetProperty("usageCount").GetInt32());
    }

    [Fact]
    public async Task CannedReplies_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Api, new { title = "x", body = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PatchAsJsonAsync($"{Api}/1", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"{Api}/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/tickets/1/canned-replies/1/render", null)).StatusCode);
    }
}

public sealed class CannedReplyTests_Sqlite(SqliteApp f) : CannedReplyTests(f), IClassFixture<SqliteApp>;

public sealed class CannedReplyTests_Postgres(PostgresApp f) : CannedReplyTests(f), IClassFixture<PostgresApp>;
