using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Chat;

/// <summary>What the widget reports about where the visitor is; kept for the agent.</summary>
public sealed record VisitorContext(string? Page, string? Referrer, string? Language, string? UserAgent, string? TimeZone = null);

/// <summary>
/// Starts or resumes a visitor: a genuine token of this inbox resumes its visitor; anything
/// else (none, forged, expired, another inbox's) starts a fresh anonymous visitor, so a bad
/// token never reaches a conversation. Every answer carries a renewed token.
/// </summary>
public sealed class VisitorSessions(OtklikDb db, VisitorTokens tokens, TimeProvider clock)
{
    public sealed record Started(ChatVisitor Visitor, string Token, bool IsNew);

    public async Task<Started> StartAsync(ChatWidget widget, string? token, VisitorContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = tokens.Read(token, widget.InboxId);
        var visitor = claim is null ? null
            : await db.ChatVisitors.AsTracking().FirstOrDefaultAsync(v => v.PublicId == claim.VisitorId && v.InboxId == widget.InboxId, ct);
        var isNew = visitor is null;
        if (visitor is null)
        {
            var publicId = VisitorTokens.NewVisitorId();
            var customer = new Customer
            {
                Name = "Visitor " + publicId[..6],
                Language = Language(context.Language),
                TimeZone = Zone(context.TimeZone),
                CreatedAt = now,
                UpdatedAt = now,
                Identities = [new CustomerIdentity { Kind = IdentityKind.ChatVisitor, Value = publicId, CreatedAt = now }],
            };
            customer.Touch(now);
            visitor = new ChatVisitor { PublicId = publicId, InboxId = widget.InboxId, Customer = customer, CreatedAt = now };
            db.ChatVisitors.Add(visitor);
        }
        visitor.PageUrl = Clip(context.Page, 2000) ?? visitor.PageUrl;
        visitor.Referrer = Clip(context.Referrer, 2000) ?? visitor.Referrer;
        visitor.UserAgent = Clip(context.UserAgent, 500) ?? visitor.UserAgent;
        visitor.Language = Language(context.Language) ?? visitor.Language;
        visitor.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        // The browser's zone makes a transcript's times the customer's own; a zone set by an agent is kept.
        if (!isNew && Zone(context.TimeZone) is { } zone)
            await db.Customers.Where(c => c.Id == visitor.CustomerId && c.TimeZone == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.TimeZone, zone), ct);
        return new Started(visitor, tokens.Issue(visitor.PublicId, widget.InboxId), isNew);
    }

    /// <summary>The visitor the token speaks for, when it is genuine, fresh and of this inbox.</summary>
    public async Task<ChatVisitor?> ResolveAsync(ChatWidget widget, string? token, CancellationToken ct)
    {
        var claim = tokens.Read(token, widget.InboxId);
        return claim is null ? null
            : await db.ChatVisitors.FirstOrDefaultAsync(v => v.PublicId == claim.VisitorId && v.InboxId == widget.InboxId, ct);
    }

    private static string? Language(string? tag) =>
        tag is { Length: >= 2 } ? (tag.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : tag[..2].ToLowerInvariant()) : null;

    private static string? Zone(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= max ? value : value[..max];
}
