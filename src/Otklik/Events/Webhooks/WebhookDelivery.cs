using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Jobs;

namespace Otklik.Events.Webhooks;

/// <summary>
/// POSTs one event to one webhook. Any non-2xx answer or timeout throws, and the outbox
/// retries with back-off. Receivers de-duplicate with X-Otklik-Delivery (stable across retries).
/// </summary>
public sealed class WebhookDelivery(OtklikDb db, IHttpClientFactory http, IDataProtectionProvider protection, TimeProvider clock) : IOutboxHandler
{
    public const string SecretPurpose = "Otklik.Webhooks.Secret";
    public const string SignatureHeader = "X-Otklik-Signature";

    public string Type => WebhookEvents.OutboxType;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var job = JsonSerializer.Deserialize<WebhookJob>(payload) ?? throw new InvalidOperationException("Empty webhook job.");
        var hook = await db.Webhooks.AsTracking().FirstOrDefaultAsync(h => h.Id == job.WebhookId, ct);
        if (hook is null || !hook.IsActive) return; // removed or paused since: nothing to deliver

        var body = JsonSerializer.Serialize(job.Payload, JsonSerializerOptions.Web);
        var secret = protection.CreateProtector(SecretPurpose).Unprotect(hook.SecretProtected);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Otklik-Event", job.Payload.Event);
        request.Headers.Add("X-Otklik-Delivery", DeliveryId(payload));
        request.Headers.Add(SignatureHeader, "sha256=" + Sign(secret, body));
        try
        {
            using var response = await http.CreateClient("webhooks").SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"Webhook {hook.Id} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            hook.LastError = null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            hook.LastError = ex.Message;
            throw;
        }
        finally
        {
            hook.LastDeliveryAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static string DeliveryId(string payload) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))[..32];
}
