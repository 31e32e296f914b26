using System.Globalization;

namespace Otklik.Channels.Email;

/// <summary>The one line an agent needs from an iCalendar invite: what and when.</summary>
internal static class CalendarInvite
{
    public static string? Summarize(string ics)
    {
        var lines = Unfold(ics);
        string? method = null, summary = null, start = null, startParams = null, location = null;
        var inEvent = false;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var head = line[..colon];
            var value = line[(colon + 1)..].Trim();
            var semi = head.IndexOf(';');
            var name = (semi < 0 ? head : head[..semi]).ToUpperInvariant();
            if (name == "BEGIN" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase)) inEvent = true;
            else if (name == "END" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && summary is not null) break;
            else if (name == "METHOD" && !inEvent) method = value.ToUpperInvariant();
            else if (inEvent && name == "SUMMARY") summary ??= Unescape(value);
            else if (inEvent && name == "LOCATION") location ??= Unescape(value);
            else if (inEvent && name == "DTSTART" && start is null) (start, startParams) = (value, semi < 0 ? "" : head[(semi + 1)..]);
        }
        if (summary is null && start is null) return null;
        var what = method == "CANCEL" ? "Calendar: cancelled" : "Calendar invitation";
        var title = MailHeaderText.OneLine(summary);
        var parts = new List<string> { $"{what}: {(title.Length > 0 ? title : "(no title)")}" };
        if (When(start, startParams) is { } when) parts.Add(when);
        if (!string.IsNullOrWhiteSpace(location)) parts.Add(MailHeaderText.OneLine(location));
        return string.Join(" — ", parts);
    }

    private static string? When(string? value, string? parameters)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var zone = parameters?.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals("TZID", StringComparison.OrdinalIgnoreCase))?[1].Trim('"');
        if (DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var utc = value.EndsWith('Z');
        if (!DateTime.TryParseExact(value.TrimEnd('Z'), ["yyyyMMdd'T'HHmmss", "yyyyMMdd'T'HHmm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return value;
        var text = at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return utc ? text + " UTC" : zone is { Length: > 0 } ? $"{text} ({zone})" : text;
    }

    private static List<string> Unfold(string ics)
    {
        var result = new List<string>();
        foreach (var raw in ics.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && result.Count > 0) result[^1] += raw[1..];
            else result.Add(raw);
        }
        return result;
    }

    private static string Unescape(string value) =>
        value.Replace("\\n", " ").Replace("\\N", " ").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");
}
