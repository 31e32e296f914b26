using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
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

    /// <summary>Delivery jobs the outbox holds for this webhook and ticket, done or not (rows stay after delivery).</summary>
    private async Task<int> JobsAsync(long hookId, long ticketId)
    {
        using var scope = f.App.Services.CreateScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<OtklikDb>().Outbox
            .Where(o => o.Type == WebhookEvents.OutboxType).Select(o => o.Payload).ToListAsync();
        return payloads.Select(p => JsonSerializer.Deserialize<WebhookJob>(p)!).Count(j => j.WebhookId == hookId && j.Payload.Ticket.Id == ticketId);
    }

    [Fact]
    public async Task WebhookChanges_CountFromTheNextWrite_ThoughActiveWebhooksAreCached()
    {
        using var receiver = new WebhookReceiver();
        // A write caches the list of active webhooks for a few seconds, without the one made next.
        await f.CreateTicketAsync();
        var (hookId, _) = await SubscribeAsync(receiver.Url, "ticket.created");

        var first = (await f.CreateTicketAsync()).Id();
        Assert.Equal(1, await JobsAsync(hookId, first));
        await receiver.WaitForAsync(d => d.Body.Contains($"\"id\":{first},"));

        // Paused: the list cached by the write above still has it active; the pause must not wait for that to expire.
        await f.Admin.PutAsJsonAsync($"/api/v1/webhooks/{hookId}", new { url = receiver.Url, events = new[] { "ticket.created" }, isActive = false })
            .ShouldBe(HttpStatusCode.OK);
        var second = (await f.CreateTicketAsync()).Id();
        Assert.Equal(0, await JobsAsync(hookId, second));
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
