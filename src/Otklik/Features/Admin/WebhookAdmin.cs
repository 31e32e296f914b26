using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Events.Webhooks;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

/// <summary>Webhooks for integrations; the signing secret is shown once, when created.</summary>
public static class WebhookAdmin
{
    public sealed record WebhookDto(long Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTime CreatedAt, DateTime? LastDeliveryAt, string? LastError);
    public sealed record Created(WebhookDto Webhook, string Secret);
    public sealed record WebhookRequest(string? Url, string[]? Events, bool? IsActive);

    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/webhooks").RequireAuthorization(Policies.Admin);
        admin.MapGet("", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListWebhooks");
        admin.MapPost("", async (WebhookRequest r, OtklikDb db, IDataProtectionProvider protection, WebhookSubscriptions subs, TimeProvider clock, CancellationToken ct) =>
                (await CreateAsync(r, db, protection, subs, clock, ct)).ToResult(c => TypedResults.Created($"/api/v1/webhooks/{c.Webhook.Id}", c)))
            .WithName("CreateWebhook").ProducesValidationProblem();
        admin.MapPut("/{id:long}", async (long id, WebhookRequest r, OtklikDb db, WebhookSubscriptions subs, CancellationToken ct) =>
                (await UpdateAsync(id, r, db, subs, ct)).ToResult(TypedResults.Ok))
            .WithName("UpdateWebhook").ProducesValidationProblem();
        admin.MapDelete("/{id:long}", async (long id, OtklikDb db, WebhookSubscriptions subs, CancellationToken ct) =>
            (await DeleteAsync(id, db, subs, ct)).ToResult(_ => TypedResults.NoContent())).WithName("DeleteWebhook");
    }

    public static async Task<List<WebhookDto>> ListAsync(OtklikDb db, CancellationToken ct) =>
        (await db.Webhooks.OrderBy(h => h.Id).ToListAsync(ct)).Select(ToDto).ToList();

    private static WebhookDto ToDto(Webhook h) =>
        new(h.Id, h.Url, h.Events == "*" ? ["*"] : h.Events.Split(','), h.IsActive, h.CreatedAt, h.LastDeliveryAt, h.LastError);

    private static Validation Check(WebhookRequest r, out string events)
    {
        var v = new Validation();
        v.Required("url", r.Url, 2000);
        if (r.Url is not null && (!Uri.TryCreate(r.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            v.Add("url", Validation.Say("'url' must be an absolute http(s) address.", "Адрес должен быть полным http(s)-адресом."));
        var wanted = r.Events is null or { Length: 0 } ? ["*"] : r.Events;
        foreach (var e in wanted.Where(e => e != "*" && !WebhookEvents.EventNames.Contains(e)))
            v.Add("events", $"'{e}' is not an event; use * or: {string.Join(", ", WebhookEvents.EventNames)}.");
        events = wanted.Contains("*") ? "*" : string.Join(',', wanted.Distinct());
        return v;
    }

    /// <summary>The secret is returned here and never again: only its protected form is stored.</summary>
    public static async Task<Result<Created>> CreateAsync(WebhookRequest r, OtklikDb db, IDataProtectionProvider protection,
        WebhookSubscriptions subs, TimeProvider clock, CancellationToken ct)
    {
        var v = Check(r, out var events);
        if (!v.IsValid) return v.ToError();
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var hook = new Webhook
        {
            Url = r.Url!, Events = events, IsActive = r.IsActive ?? true, CreatedAt = clock.GetUtcNow().UtcDateTime,
            SecretProtected = protection.CreateProtector(WebhookDelivery.SecretPurpose).Protect(secret),
        };
        db.Webhooks.Add(hook);
        await db.SaveChangesAsync(ct);
        subs.Invalidate();
        return new Created(ToDto(hook), secret);
    }

    /// <summary>A full replacement of url and events; isActive left out keeps the current state.</summary>
    public static async Task<Result<WebhookDto>> UpdateAsync(long id, WebhookRequest r, OtklikDb db, WebhookSubscriptions subs, CancellationToken ct)
    {
        var v = Check(r, out var events);
        if (!v.IsValid) return v.ToError();
        var hook = await db.Webhooks.AsTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hook is null) return new Error.NotFound($"Webhook {id}");
        hook.Url = r.Url!;
        hook.Events = events;
        hook.IsActive = r.IsActive ?? hook.IsActive;
        await db.SaveChangesAsync(ct);
        subs.Invalidate();
        return ToDto(hook);
    }

    public static async Task<Result<bool>> DeleteAsync(long id, OtklikDb db, WebhookSubscriptions subs, CancellationToken ct)
    {
        var deleted = await db.Webhooks.Where(h => h.Id == id).ExecuteDeleteAsync(ct);
        subs.Invalidate();
        return deleted > 0 ? true : new Error.NotFound($"Webhook {id}");
    }
}
