using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Otklik.Search;

/// <summary>
/// Reduces Russian and English words to their Snowball stems, so that "заказы" finds
/// "заказ" and "refunds" finds "refund". SQLite's FTS5 has no Russian stemmer, so the
/// embedded index stores and queries stems made here; PostgreSQL stems by itself.
/// </summary>
public static class Stemming
{
    [ThreadStatic] private static RussianStemmer? _russian;
    [ThreadStatic] private static EnglishStemmer? _english;

    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var raw in text)
        {
            var c = raw == 'ё' || raw == 'Ё' ? 'е' : raw;
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0) yield return word.ToString();
    }

    public static string Stem(string word)
    {
        if (word.Length < 3 || word.Any(char.IsDigit)) return word;
        if (word.Any(IsCyrillic))
        {
            var stemmer = _russian ??= new RussianStemmer();
            stemmer.SetCurrent(word);
            stemmer.Stem();
            return stemmer.Current;
        }
        var english = _english ??= new EnglishStemmer();
        english.SetCurrent(word);
        english.Stem();
        return english.Current;
    }

    /// <summary>The text as a space-separated run of stems, ready for the FTS5 index.</summary>
    public static string ToIndexText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return string.Join(' ', Words(text).Select(Stem));
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';
}
