namespace Otklik.Search;

/// <summary>A short piece of a long text around the first word that matches the query by stem.</summary>
public static class Snippet
{
    public static string Around(string text, IReadOnlyList<string> queryWords, int width = 160)
    {
        if (text.Length <= width) return text;
        var stems = queryWords.Select(Stemming.Stem).ToHashSet();
        var position = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (i > start && stems.Contains(Stemming.Stem(text[start..i].ToLowerInvariant().Replace('ё', 'е'))))
            {
                position = start;
                break;
            }
        }
        var from = Math.Max(0, position - width / 3);
        var length = Math.Min(width, text.Length - from);
        return (from > 0 ? "…" : "") + text.Substring(from, length).Trim() + (from + length < text.Length ? "…" : "");
    }
}
