using System.Text;
using System.Text.RegularExpressions;

namespace Otklik.Channels.Email;

/// <summary>
/// Turns mail bytes into text when the declared charset cannot be trusted. Russian mail
/// still arrives in KOI8-R, windows-1251 and ISO-8859-5, often unlabelled or labelled as
/// Latin-1, so a wrong label is treated as a hint and the bytes decide.
/// </summary>
public static partial class MailCharset
{
    static MailCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Registers the code page encodings; MimeKit's TNEF reader fails for good if it runs first without them.</summary>
    public static void EnsureRegistered() { }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static Encoding Western => Encoding.GetEncoding(1252);
    private static readonly string[] CyrillicNames = ["windows-1251", "koi8-r", "iso-8859-5"];
    private static readonly HashSet<string> LatinLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "iso-8859-1", "iso8859-1", "latin1", "l1", "iso-8859-15", "windows-1252", "cp1252",
        "us-ascii", "ascii", "ansi_x3.4-1968", "unknown-8bit", "x-unknown", "unknown", "default",
    };
    private static readonly HashSet<int> CyrillicCodePages = [1251, 20866, 21866, 28595, 866, 10007];

    /// <summary>Decodes text whose label is <paramref name="declared"/> (may be null or wrong).</summary>
    /// <param name="note">Set when the label was missing, unknown or overruled by the bytes.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declared, out string? note)
    {
        note = null;
        var label = declared?.Trim().Trim('"', '\'');
        var encoding = string.IsNullOrEmpty(label) ? null : Resolve(label);
        if (label is { Length: > 0 } && encoding is null) note = $"unknown charset '{Shorten(label)}'";

        if (encoding is not null && !IsAsciiCompatible(encoding)) return encoding.GetString(bytes);
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF)) return Encoding.ASCII.GetString(bytes);
        if (IsValidUtf8(bytes)) return Encoding.UTF8.GetString(bytes);

        if (encoding is UTF8Encoding)
        {
            var lossy = Encoding.UTF8.GetString(bytes);
            if (lossy.Count(c => c == '\uFFFD') <= Math.Max(1, CountHigh(bytes) / 50)) return lossy;
        }

        var sample = bytes.Length > 65536 ? bytes[..65536] : bytes;
        var (best, bestScore) = BestCyrillic(sample);
        if (encoding is not null && CyrillicCodePages.Contains(encoding.CodePage))
        {
            if (encoding.CodePage == best.CodePage || bestScore <= 0 || CyrillicScore(encoding.GetString(sample)) >= bestScore * 0.6)
                return encoding.GetString(bytes);
            note = $"charset '{label}' overruled: the text reads as {best.WebName}";
            return best.GetString(bytes);
        }
        if (encoding is null || encoding is UTF8Encoding || LatinLabels.Contains(label!))
        {
            if (bestScore > 0 && LooksLikeCyrillicWords(sample))
            {
                note = encoding is null && note is null ? $"no charset: the text reads as {best.WebName}" : $"charset '{label}' overruled: the text reads as {best.WebName}";
                return best.GetString(bytes);
            }
            if (encoding is null || encoding is UTF8Encoding)
            {
                note ??= label is null ? "no charset: read as windows-1252" : $"charset '{label}' overruled: the text is not UTF-8";
                return Western.GetString(bytes);
            }
            // Mail clients mean windows-1252 when they say Latin-1 or ASCII (as browsers assume too).
            if (encoding.CodePage != 28605) return Western.GetString(bytes);
        }
        return encoding!.GetString(bytes);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string? declared) => Decode(bytes, declared, out _);

    /// <summary>
    /// Fixes a string that was decoded byte-for-byte as Latin-1 although it was not: MimeKit
    /// does that for raw 8-bit header bytes and for encoded words labelled iso-8859-1.
    /// </summary>
    public static string Repair(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var anyHigh = false;
        foreach (var c in text)
        {
            if (c > 0xFF) return text;
            anyHigh |= c >= 0x80;
        }
        return anyHigh ? Decode(Encoding.Latin1.GetBytes(text), "iso-8859-1") : text;
    }

    internal static Encoding? Resolve(string label)
    {
        var name = label.ToLowerInvariant().Replace('_', '-');
        var codePage = CodePageLabel().Match(name);
        if (codePage.Success) name = codePage.Groups[1].Value;
        else if (IsoLabel().Match(name) is { Success: true } iso) name = "iso-8859-" + iso.Groups[1].Value;
        else if (name is "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8") name = "utf-8";
        else if (name is "koi8r" or "koi8") name = "koi8-r";
        else if (name is "koi8u") name = "koi8-u";
        try { return int.TryParse(name, out var number) ? Encoding.GetEncoding(number) : Encoding.GetEncoding(name); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { return null; }
    }

    [GeneratedRegex(@"^(?:cp|win|windows|x-cp|ms|ibm)-?(\d{3,5})$")]
    private static partial Regex CodePageLabel();

    [GeneratedRegex(@"^iso-?8859-?(\d{1,2})(?::\d+)?$")]
    private static partial Regex IsoLabel();

    private static bool IsAsciiCompatible(Encoding encoding) =>
        encoding.CodePage is not (1200 or 1201 or 12000 or 12001 or 65000 or 50220 or 50221 or 50222 or 50225 or 52936);

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try { StrictUtf8.GetCharCount(bytes); return true; }
        catch (DecoderFallbackException) { return false; }
    }

    private static int CountHigh(ReadOnlySpan<byte> bytes)
    {
        var n = 0;
        foreach (var b in bytes) if (b >= 0x80) n++;
        return n;
    }

    private static (Encoding Best, double Score) BestCyrillic(ReadOnlySpan<byte> bytes)
    {
        Encoding best = Encoding.GetEncoding(CyrillicNames[0]);
        var bestScore = double.MinValue;
        foreach (var name in CyrillicNames)
        {
            var candidate = Encoding.GetEncoding(name);
            var score = CyrillicScore(candidate.GetString(bytes));
            if (score > bestScore) (best, bestScore) = (candidate, score);
        }
        return (best, bestScore);
    }

    /// <summary>
    /// Cyrillic words are runs of high bytes; accented Latin letters sit alone inside ASCII words.
    /// </summary>
    private static bool LooksLikeCyrillicWords(ReadOnlySpan<byte> bytes)
    {
        int high = 0, inRuns = 0, run = 0;
        for (var i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] >= 0x80) { run++; high++; continue; }
            if (run >= 3) inRuns += run;
            run = 0;
        }
        return high > 0 && inRuns * 2 >= high;
    }

    internal static double CyrillicScore(string text) => RussianText.Score(text);

    private static string Shorten(string s) => s.Length > 40 ? s[..40] : s;
}
