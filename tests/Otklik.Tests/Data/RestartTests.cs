using System.Net;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Data;

/// <summary>Stop the host, start a new one on the same database: nothing a customer or agent sent is gone.</summary>
public abstract class RestartTests(DbProvider provider)
{
    [Fact]
    public async Task Data_SurvivesRestart()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long ticketId;
        string token;
        await using (var first = new OtklikApp(database))
        {
            token = await first.IssueTokenAsync(OtklikApp.AdminEmail, OtklikApp.AdminPassword);
            using var admin = first.WithToken(token);
            var ticket = await admin.PostAsJsonAsync("/api/v1/tickets", new
            {
                subject = "Посылка потерялась", customer = new { email = "restart@customer.test" }, message = new { body = "Где посылка?" }, tags = new[] { "lost" },
            }).Json(HttpStatusCode.Created);
            ticketId = ticket.Id();
            await admin.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/messages", new { body = "Ищем", status = "pending" }).ShouldBe(HttpStatusCode.Created);
        }

        await using var second = new OtklikApp(database);
        using var again = second.WithToken(token);
        var stored = await again.GetAsync($"/api/v1/tickets/{ticketId}").Json(HttpStatusCode.OK);
        Assert.Equal("Посылка потерялась", stored.Str("subject"));
        Assert.Equal("pending", stored.Str("status"));
        Assert.Equal(["Где посылка?", "Ищем"], stored.GetProperty("messages").EnumerateArray().Select(m => m.Str("body")));
        Assert.Equal(["lost"], stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var hits = await again.GetAsync("/api/v1/search?q=посылки").Json(HttpStatusCode.OK);
        Assert.Contains(hits.GetProperty("items").EnumerateArray(), h => h.GetProperty("ticketId").GetInt64() == ticketId);
        // The configured admin is not created twice.
        var agents = await again.GetAsync("/api/v1/agents").Json(HttpStatusCode.OK);
        Assert.Single(agents.EnumerateArray(), a => a.Str("email") == OtklikApp.AdminEmail);
    }
}

public sealed class RestartTests_Sqlite() : RestartTests(DbProvider.Sqlite);

public sealed class RestartTests_Postgres() : RestartTests(DbProvider.Postgres);
