using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Otklik.Channels.Chat;

/// <summary>Who a widget token speaks for: one visitor of one inbox.</summary>
public sealed record VisitorClaim(string VisitorId, long InboxId, DateTime IssuedAt);

/// <summary>
/// The visitor token the widget keeps in localStorage: visitor id, inbox and issue time,
/// encrypted and signed with Data Protection (keys shared by every node through the database).
/// A token that fails to decrypt, is older than <see cref="Lifetime"/>, or names another inbox
/// is worth nothing: the caller starts a fresh anonymous visitor, never someone else's chat.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    private const string Version = "v1";
    private readonly IDataProtector _protector = protection.CreateProtector("Otklik.Chat.VisitorToken");

    public static string NewVisitorId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string Issue(string visitorId, long inboxId, DateTime? issuedAt = null)
    {
        var at = new DateTimeOffset(issuedAt ?? clock.GetUtcNow().UtcDateTime, TimeSpan.Zero).ToUnixTimeSeconds();
        return _protector.Protect($"{Version}|{visitorId}|{inboxId}|{at}");
    }

    /// <summary>The claim when the token is genuine, still fresh and for this inbox; otherwise null.</summary>
    public VisitorClaim? Read(string? token, long inboxId)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        string plain;
        try { plain = _protector.Unprotect(token); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
        var parts = plain.Split('|');
        if (parts.Length != 4 || parts[0] != Version) return null;
        if (!long.TryParse(parts[2], CultureInfo.InvariantCulture, out var inbox) || inbox != inboxId) return null;
        if (!long.TryParse(parts[3], CultureInfo.InvariantCulture, out var seconds)) return null;
        var issued = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        if (issued > now.AddMinutes(5) || now - issued > Lifetime) return null;
        return new VisitorClaim(parts[1], inbox, issued);
    }
}
