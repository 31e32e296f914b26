using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Otklik.Features.WebForms;

public enum TokenCheck { Ok, Missing, TooFast, Expired }

/// <summary>
/// The moment a form was shown, sealed with Data Protection and sent back with the answers:
/// people take seconds to fill in a form, bots post at once. Not secret and not one-time —
/// it only proves when the form left us.
/// </summary>
public sealed class FormToken(IDataProtectionProvider protection, TimeProvider clock, IOptions<WebFormOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Otklik.WebForm.Shown.v1");

    public string Issue(long formId) =>
        _protector.Protect($"{formId}:{clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    public TokenCheck Check(string? token, long formId)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return TokenCheck.Missing;
        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return TokenCheck.Missing;
        }
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0] != formId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return TokenCheck.Missing;
        var age = clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        if (age < TimeSpan.FromSeconds(options.Value.MinimumFillSeconds)) return TokenCheck.TooFast;
        return age > TimeSpan.FromHours(options.Value.TokenLifetimeHours) ? TokenCheck.Expired : TokenCheck.Ok;
    }
}

/// <summary>Under "Otklik:WebForms".</summary>
public sealed class WebFormOptions
{
    public const string Section = "Otklik:WebForms";

    /// <summary>A form sent sooner than this after it was shown is taken for a bot's.</summary>
    public double MinimumFillSeconds { get; set; } = 3;
    /// <summary>How long a shown form may stay open before it must be sent again.</summary>
    public int TokenLifetimeHours { get; set; } = 24;
    public int MaxFiles { get; set; } = 5;
}
