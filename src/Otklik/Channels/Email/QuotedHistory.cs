using System.Text.RegularExpressions;

namespace Otklik.Channels.Email;

/// <summary>
/// Separates what the customer just wrote from the history their mail client quoted below it
/// and from their signature, so the agent sees the new words first and can unfold the rest.
/// Only trailing history is folded: inline answers between quotes stay visible, and a message
/// is never folded away entirely.
/// </summary>
public static partial class QuotedHistory
{
    private const int MaxAttributionLength = 300;

    public static (string Visible, string? Folded) Split(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (text ?? "", null);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (FindCut(lines) is not { } cut) return (text, null);
        var visible = string.Join('\n', lines[..cut]).TrimEnd();
        var folded = string.Join('\n', lines[cut..]).Trim('\n').TrimEnd();
        return visible.Trim().Length == 0 || folded.Trim().Length == 0 ? (text, null) : (visible, folded);
    }

    private static int? FindCut(string[] lines)
    {
        int? cut = TrailingQuoteStart(lines);
        for (var i = 0; i < lines.Length && (cut is null || i < cut); i++)
        {
            var line = lines[i];
            if (line == "-- " || (line.TrimEnd() == "--" && lines.Length - i <= 12)) return i;
            if (OriginalMessage().IsMatch(line)) return WithSeparatorAbove(lines, i);
            if (IsHeaderBlock(lines, i)) return WithSeparatorAbove(lines, i);
            if (Attribution(lines, i) is { } length && QuoteFollowsOnlyAtEnd(lines, i + length, line)) return i;
        }
        return cut;
    }

    /// <summary>Start of the block of "&gt;" lines that ends the message, with its attribution line.</summary>
    private static int? TrailingQuoteStart(string[] lines)
    {
        var end = lines.Length - 1;
        while (end >= 0 && lines[end].Trim().Length == 0) end--;
        if (end < 0 || !IsQuoted(lines[end])) return null;
        var start = end;
        while (start > 0 && (IsQuoted(lines[start - 1]) || lines[start - 1].Trim().Length == 0)) start--;
        while (start < end && lines[start].Trim().Length == 0) start++;
        var above = start - 1;
        while (above >= 0 && lines[above].Trim().Length == 0) above--;
        if (above > 0 && Attribution(lines, above - 1) == 2) return above - 1;
        return above >= 0 && Attribution(lines, above) == 1 ? above : start;
    }

    /// <summary>
    /// An attribution before "&gt;" lines only folds when nothing but the quote follows
    /// (bottom-posted replies keep their answer). Without a quote it needs a date or an address
    /// to tell "On Monday I wrote:" in a sentence from a mail client's line.
    /// </summary>
    private static bool QuoteFollowsOnlyAtEnd(string[] lines, int next, string attribution)
    {
        while (next < lines.Length && lines[next].Trim().Length == 0) next++;
        if (next >= lines.Length) return false;
        if (!IsQuoted(lines[next])) return DateOrAddress().IsMatch(attribution);
        while (next < lines.Length && (IsQuoted(lines[next]) || lines[next].Trim().Length == 0)) next++;
        return next >= lines.Length;
    }

    /// <summary>Number of lines (1 or 2) the attribution at <paramref name="i"/> spans, or null.</summary>
    private static int? Attribution(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (line.Length == 0 || IsQuoted(line)) return null;
        if (line.Length <= MaxAttributionLength && IsAttribution(line)) return 1;
        if (i + 1 < lines.Length && !line.EndsWith(':'))
        {
            var joined = line + " " + lines[i + 1].Trim();
            if (joined.Length <= MaxAttributionLength && IsAttribution(joined)) return 2;
        }
        return null;
    }

    private static bool IsAttribution(string line) =>
        line.EndsWith(':') && (WroteVerb().IsMatch(line) || (Time().IsMatch(line) && Address().IsMatch(line)));

    private static bool IsHeaderBlock(string[] lines, int i)
    {
        if (!HeaderFrom().IsMatch(lines[i])) return false;
        int sent = 0, to = 0, subject = 0;
        for (var j = i + 1; j < lines.Length && j <= i + 8; j++)
        {
            if (HeaderSent().IsMatch(lines[j])) sent = 1;
            if (HeaderTo().IsMatch(lines[j])) to = 1;
            if (HeaderSubject().IsMatch(lines[j])) subject = 1;
        }
        return sent + to + subject >= 2;
    }

    private static int WithSeparatorAbove(string[] lines, int i)
    {
        var above = i - 1;
        while (above >= 0 && lines[above].Trim().Length == 0) above--;
        return above >= 0 && Separator().IsMatch(lines[above]) ? above : i;
    }

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    [GeneratedRegex(@"(?i)\b(wrote|writes|schrieb|a écrit|escribió|scrisse|написал|написала|написал\(а\)|пишет|писал|писала)\s*:$")]
    private static partial Regex WroteVerb();

    [GeneratedRegex(@"\b\d{1,2}[:.]\d{2}\b")]
    private static partial Regex Time();

    [GeneratedRegex(@"[^\s<>""]+@[^\s<>""]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"\d{1,2}[:./]\d{2}|[^\s<>""]+@[^\s<>""]+")]
    private static partial Regex DateOrAddress();

    [GeneratedRegex(@"(?i)^\s*-{2,}\s*(original message|исходное сообщение|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}\s*$")]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*(_{8,}|-{8,})\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?i)^\s*\*?(from|от|von|de)\s*:\*?\s*\S")]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"(?i)^\s*\*?(sent|date|отправлено|дата|gesendet|envoyé)\s*:")]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"(?i)^\s*\*?(to|кому|an|à)\s*:")]
    private static partial Regex HeaderTo();

    [GeneratedRegex(@"(?i)^\s*\*?(subject|тема|betreff|objet)\s*:")]
    private static partial Regex HeaderSubject();
}
