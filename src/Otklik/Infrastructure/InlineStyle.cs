namespace Otklik.Infrastructure;

/// <summary>
/// Keeps the harmless part of an inline <c>style</c> attribute: allowed properties whose values
/// are plain words, numbers, colours and lengths. Anything that could fetch, run or escape —
/// <c>url()</c>, <c>expression()</c>, backslash escapes, comments, <c>@</c>, angle brackets —
/// drops the declaration. Deliberately stricter than a CSS parser: mail needs fonts, colours,
/// spacing and alignment, not the whole language.
/// </summary>
public static class InlineStyle
{
    private const int MaxLength = 4000;
    private static readonly HashSet<string> Functions = new(StringComparer.OrdinalIgnoreCase) { "rgb", "rgba", "hsl", "hsla" };

    /// <summary>The cleaned declarations as "name: value; …", or null when none is left.</summary>
    public static string? Clean(string? style, ISet<string> allowedProperties)
    {
        if (string.IsNullOrWhiteSpace(style) || style.Length > MaxLength) return null;
        var kept = new List<string>();
        foreach (var declaration in Split(style))
        {
            var colon = declaration.IndexOf(':');
            if (colon <= 0) continue;
            var name = declaration[..colon].Trim().ToLowerInvariant();
            var value = declaration[(colon + 1)..].Trim();
            if (value.Length == 0 || !allowedProperties.Contains(name) || !IsSafeValue(value)) continue;
            kept.Add($"{name}: {string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
        }
        return kept.Count == 0 ? null : string.Join("; ", kept);
    }

    // Semicolons inside quotes or parentheses do not end a declaration.
    private static IEnumerable<string> Split(string style)
    {
        var start = 0;
        var depth = 0;
        char quote = '\0';
        for (var i = 0; i < style.Length; i++)
        {
            var c = style[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (c == ';' && depth == 0)
            {
                yield return style[start..i];
                start = i + 1;
            }
        }
        if (start < style.Length) yield return style[start..];
    }

    private static bool IsSafeValue(string value)
    {
        var quotes = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\'') { quotes++; continue; }
            if (c == '(' && !Functions.Contains(FunctionName(value, i))) return false;
            if (char.IsLetterOrDigit(c) || c is ' ' or '\t' or '\r' or '\n' or '#' or '%' or '.' or ',' or '-' or '+' or '!' or '(' or ')' or '_' or '/')
                continue;
            return false;
        }
        // An unclosed quote could swallow what follows; "/*" cannot occur since '*' is refused.
        return quotes % 2 == 0;
    }

    private static string FunctionName(string value, int paren)
    {
        var start = paren;
        while (start > 0 && (char.IsAsciiLetter(value[start - 1]) || value[start - 1] == '-')) start--;
        return value[start..paren];
    }
}
