using System.Net;
using System.Net.Http.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Tickets;

public abstract class ParticipantsTests(AppFixture f)
{
    [Fact]
    public async Task AddAndRemoveParticipant_ShowsOnTicketAndTimeline()
    {
        var id = (await f.CreateTicketAsync()).Id();
        var email = AppFixture.Unique("cc") + "@customer.test";
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/participants", new { email, name = "Colleague" }).ShouldBe(HttpStatusCode.NoContent);
        // Adding the same person twice changes nothing.
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{id}/participants", new { email }).ShouldBe(HttpStatusCode.NoContent);

        var ticket = await f.GetTicketAsync(id);
        var participant = Assert.Single(ticket.GetProperty("participants").EnumerateArray());
        Assert.Equal(email, participant.Str("email"));
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "participant");

        await f.Admin.DeleteAsync($"/api/v1/tickets/{id}/participants/{participant.Id()}").ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty((await f.GetTicketAsync(id)).GetProperty("participants").EnumerateArray());
    }

    [Fact]
    public async Task AddParticipant_WithBadEmail_Returns400() =>
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{(await f.CreateTicketAsync()).Id()}/participants", new { email = "not-an-email" })
            .ValidationProblem("email");

    [Fact]
    public async Task Organisation_CreateListUpdate_AndValidation()
    {
        var name = AppFixture.Unique("Org ");
        var created = await f.Admin.PostAsJsonAsync("/api/v1/organisations", new { name, domain = "Example.COM" }).Json(HttpStatusCode.Created);
        Assert.Equal("example.com", created.Str("domain"));
        await f.Admin.PatchAsJsonAsync($"/api/v1/organisations/{created.Id()}", new { name = name + " Ltd" }).ShouldBe(HttpStatusCode.OK);
        var all = await f.Admin.GetAsync("/api/v1/organisations").Json(HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), o => o.Str("name") == name + " Ltd");
        await f.Admin.PostAsJsonAsync("/api/v1/organisations", new { name = "x", domain = "a@b.c" }).ValidationProblem("domain");
    }
}

public sealed class ParticipantsTests_Sqlite(SqliteApp f) : ParticipantsTests(f), IClassFixture<SqliteApp>;

public sealed class ParticipantsTests_Postgres(PostgresApp f) : ParticipantsTests(f), IClassFixture<PostgresApp>;
