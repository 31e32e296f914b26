using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Otklik.Web;

/// <summary>Marker for the workspace's resx strings (Resources/Web/Strings*.resx).</summary>
public sealed class Strings;

public static class Localization
{
    public static readonly string[] Cultures = ["ru", "en"];

    public static readonly RequestLocalizationOptions Options = new RequestLocalizationOptions
    {
        DefaultRequestCulture = new RequestCulture("ru"),
        SupportedCultures = Cultures.Select(c => new CultureInfo(c)).ToList(),
        SupportedUICultures = Cultures.Select(c => new CultureInfo(c)).ToList(),
        // Cookie first (the agent's choice), then the browser's Accept-Language.
        RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider(), ApiDefault],
    };

    /// <summary>An API client that states no language gets English messages; the workspace defaults to Russian.</summary>
    private static CustomRequestCultureProvider ApiDefault => new(http => Task.FromResult(
        http.Request.Path.StartsWithSegments("/api") ? new ProviderCultureResult("en") : null));

    public static string CookieValue(string culture) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
}

/// <summary>Shows UTC instants in the viewer's time zone, taken from the browser.</summary>
public sealed class ViewerClock
{
    public const string Cookie = "otklik.tz";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public void Use(string? ianaName)
    {
        if (ianaName is not null && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName, out var zone)) Zone = zone;
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Format(DateTime utc, string format = "g") => Local(utc).ToString(format, CultureInfo.CurrentCulture);
}

public static class LocalizerExtensions
{
    /// <summary>A customer's language code by name where we have one; other codes as they are.</summary>
    public static string LanguageName(this Microsoft.Extensions.Localization.IStringLocalizer l, string code) =>
        l["Lang_" + code] is { ResourceNotFound: false } name ? name.Value : code;
}
