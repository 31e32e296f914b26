namespace Otklik.Domain;

/// <summary>
/// The wire names of enum values. The API speaks "on-hold", not "OnHold", and an
/// unknown name must become a clear validation message, never a 500.
/// </summary>
public static class Names
{
    /// <summary>
    /// The first word of a person's name ("Мария Петровна" → "Мария"), null when there is none: what visitors see of an agent
    /// (personal, without publishing the full name on a public site) and what a canned reply's greeting uses.
    /// </summary>
    public static string? FirstName(string? name) =>
        name?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    public static string Of(TicketStatus s) => s switch
    {
        TicketStatus.OnHold => "on-hold",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Of<T>(T value) where T : struct, Enum => value is TicketStatus s
        ? Of(s)
        : value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalized = text.Replace("-", "").Replace("_", "");
        // Numbers are accepted by Enum.TryParse; we only accept names (which may contain digits, like "pop3").
        if (normalized.Length == 0 || !char.IsLetter(normalized[0])) return false;
        return Enum.TryParse(normalized, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => Of(v)));
}
