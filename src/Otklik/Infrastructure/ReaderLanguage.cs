using System.Globalization;

namespace Otklik.Infrastructure;

/// <summary>
/// The language of whoever reads what the server says right now: the request's (Accept-Language; API
/// calls without it get English) or the workspace circuit's. Server-made texts come in Russian or English.
/// </summary>
public static class ReaderLanguage
{
    public static bool IsRussian => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru";
}
