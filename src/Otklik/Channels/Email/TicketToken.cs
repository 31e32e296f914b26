using System.Globalization;
using System.Text.RegularExpressions;

namespace Otklik.Channels.Email;

/// <summary>
/// The ticket number carried in a mail subject, so a reply finds its ticket even when the
/// customer's client dropped In-Reply-To. Written as "[#1234]"; also read with a word before
/// the number ("[Otklik #1234]", "[Ticket#1234]", "[Заявка №1234]"), in any case.
/// </summary>
public static partial class TicketToken
{
    public static long? Find(string subject)
    {
        if (string.IsNullOrEmpty(subject)) return null;
        long? found = null;
        // Forwarding and re-replying stack tokens: "Fwd: [#12] Re: [#345] …"; the last one is
        // the innermost, i.e. the ticket the conversation started in.
        foreach (Match m in Token().Matches(subject))
            if (long.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) found = n;
        return found;
    }

    /// <summary>Appends " [#number]" once; tokens of other tickets are removed so a follow-up does not carry two numbers.</summary>
    public static string Add(string subject, long number)
    {
        subject ??= "";
        var tokens = Token().Matches(subject);
        var own = false;
        foreach (Match m in tokens) own |= m.Groups["n"].Value.TrimStart('0') == number.ToString(CultureInfo.InvariantCulture);
        if (own && tokens.Count == 1) return subject;
        var without = Spaces().Replace(Token().Replace(subject, ""), " ").Trim();
        return (without.Length == 0 ? "" : without + " ") + $"[#{number.ToString(CultureInfo.InvariantCulture)}]";
    }

    /// <summary>Removes leading reply and forward markers: "Re:", "RE[2]:", "Fwd:", "FW:", "Ответ:", "Отв:", "Пересл:", "AW:", "WG:" ….</summary>
    public static string StripReplyPrefixes(string subject)
    {
        if (string.IsNullOrEmpty(subject)) return subject ?? "";
        var result = subject.Trim();
        while (ReplyPrefix().Match(result) is { Success: true } m) result = result[m.Length..];
        return result.Trim();
    }

    [GeneratedRegex(@"\[\s*(?:[\p{L}\p{Nd}][\p{L}\p{Nd} ._-]{0,30}?\s*)?[#№]\s?(?<n>\d{1,18})\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s*(?:re|fwd?|fw|ответ|отв|пересл|aw|wg|sv|vs|vb|tr|rv|antw|doorst|odp)\.?\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
