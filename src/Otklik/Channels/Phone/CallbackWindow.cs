using System.Globalization;

namespace Otklik.Channels.Phone;

public enum WindowProblem { None, UnknownZone, EndBeforeStart, TooShort, Past, TooFarAhead }

/// <summary>
/// The time a customer wants to be called, given as a date and two clock times in their own
/// zone, held as UTC instants. Clock changes are handled the way calendars do: a time that
/// does not exist (the hour skipped in spring) moves forward by the gap, and an hour that
/// happens twice (autumn) means its first occurrence.
/// </summary>
public readonly record struct CallbackWindow(DateTime StartUtc, DateTime EndUtc)
{
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LongestAhead = TimeSpan.FromDays(30);

    public static WindowProblem TryCreate(DateOnly date, TimeOnly from, TimeOnly to, string? zoneId, DateTime nowUtc, out CallbackWindow window)
    {
        window = default;
        if (!TryZone(zoneId, out var zone)) return WindowProblem.UnknownZone;
        if (to <= from) return WindowProblem.EndBeforeStart;
        var start = ToUtc(date.ToDateTime(from), zone);
        var end = ToUtc(date.ToDateTime(to), zone);
        if (end - start < MinimumLength) return WindowProblem.TooShort;
        if (end <= nowUtc) return WindowProblem.Past;
        if (start - nowUtc > LongestAhead) return WindowProblem.TooFarAhead;
        window = new CallbackWindow(start, end);
        return WindowProblem.None;
    }

    public static bool TryZone(string? zoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(zoneId) && zoneId.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone!);
    }

    /// <summary>A wall-clock time in a zone as a UTC instant.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward to the first minute that exists; the gap is at most a few hours.
            var probe = local;
            while (zone.IsInvalidTime(probe)) probe = probe.AddMinutes(1);
            local = probe;
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>"1 декабря 2026, 10:00–12:00" / "1 December 2026, 10:00–12:00" in the given zone; the end's date too when it differs.</summary>
    public string Describe(TimeZoneInfo zone, CultureInfo culture)
    {
        var start = ToLocal(StartUtc, zone);
        var end = ToLocal(EndUtc, zone);
        var day = start.ToString("d MMMM yyyy", culture);
        var endText = end.Date == start.Date ? end.ToString("HH:mm", culture) : end.ToString("d MMMM HH:mm", culture);
        return $"{day}, {start.ToString("HH:mm", culture)}–{endText}";
    }
}
