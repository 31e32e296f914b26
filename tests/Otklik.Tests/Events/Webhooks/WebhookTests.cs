using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Events.Webhooks;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Events.Webhooks;

public abstract class WebhookTests(AppFixture f)
{
    private async Task<(long Id, string Secret)> SubscribeAsync(string url, params string[] events)
    {
        var created = await f.Admin.PostAsJsonAsync("/api/v1/webhooks", new { url, events }).Json(HttpStatusCode.Created);
        return (created.GetProperty("webhook").Id(), created.Str("secret"));
    }

    [Fact]
    public async Task TicketCreated_IsDelivered_SignedWithTheSecret()
    {
        using var receiver = new WebhookReceiver();
        var (hookId, secret) = await SubscribeAsync(receiver.Url, "ticket.created");
        var ticket = await f.CreateTicketAsync(subject: "Webhook " + AppFixture.Unique());

        var delivery = await receiver.WaitForAsync(d => d.Body.Contains($"\"id\":{ticket.Id()},"));
        Assert.Equal("ticket.created", delivery.Event);
        Assert.Equal("sha256=" + WebhookDelivery.Sign(secret, delivery.Body), delivery.Signature);
        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(ticket.Str("subject"), payload.GetProperty("ticket").Str("subject"));
        // Subscribed to ticket.created only: the first message of the ticket is not sent.
        Assert.DoesNotContain(receiver.Received, d => d.Event == "message.created");
        await f.Admin.DeleteAsync($"/api/v1/webhooks/{hookId}").ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task FailingReceiver_ErrorIsVisibleOnTheWebhook()
    {
        using var receiver = new WebhookReceiver { Answer = HttpStatusCode.InternalServerError };
        var (hookId, _) = await SubscribeAsync(receiver.Url, "ticket.updated");
        var id = (await f.CreateTicketAsync()).Id();
        await f.Admin.PatchJsonAsync($"/api/v1/tickets/{id}", new { priority = "high" }).ShouldBe(HttpStatusCode.OK);
        await receiver.WaitForAsync(d => d.Event == "ticket.updated" && d.Body.Contains($"\"id\":{id},"));

        JsonElement hook = default;
        for (var i = 0; i < 100; i++)
        {
            var hooks = await f.Admin.GetAsync("/api/v1/webhooks").Json(HttpStatusCode.OK);
            hook = hooks.EnumerateArray().First(h => h.Id() == hookId);
            if (hook.GetProperty("lastError").ValueKind == JsonValueKind.String) break;
            await Task.Delay(50);
        }
        Assert.Contains("500", hook.Str("lastError"));
        await f.Admin.DeleteAsync($"/api/v1/webhooks/{hookId}").ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Create_WithUnknownEventOrBadUrl_Returns400()
    {
        await f.Admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:1/x", events = new[] { "ticket.exploded" } }).ValidationProblem("events");
        await f.Admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://example.com/x" }).ValidationProblem("url");
    }

    [Fact]
    public async Task Webhooks_AreForAdminsOnly()
    {
        var (agent, _) = await f.CreateAgentAsync();
        await agent.GetAsync("/api/v1/webhooks").Problem(HttpStatusCode.Forbidden);
    }
}

public sealed class WebhookTests_Sqlite(SqliteApp f) : WebhookTests(f), IClassFixture<SqliteApp>;

public sealed class WebhookTests_Postgres(PostgresApp f) : WebhookTests(f), IClassFixture<PostgresApp>;
