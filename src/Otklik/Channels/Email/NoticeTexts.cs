namespace Otklik.Channels.Email;

/// <summary>The words of automatic mail, in the customer's language. An inbox may replace the acknowledgment with its own template.</summary>
public static class NoticeTexts
{
    public static string Acknowledgment(string? template, long ticket, string responseTime, bool russian)
    {
        if (!string.IsNullOrWhiteSpace(template))
            return template.Replace("{ticket}", ticket.ToString()).Replace("{response_time}", responseTime);
        return russian
            ? $"Здравствуйте!\n\nМы получили ваше обращение и зарегистрировали его под номером {ticket}. Ответим {responseTime}.\n\n"
              + "Если захотите что-то добавить, просто ответьте на это письмо — номер в теме поможет нам ничего не потерять."
            : $"Hello,\n\nWe have received your request and filed it as ticket {ticket}. You can expect our answer {responseTime}.\n\n"
              + "To add anything, just reply to this email — the number in the subject keeps it with your request.";
    }

    public static string FilesRefused(IReadOnlyList<string> reasons, long ticket, bool russian)
    {
        var list = string.Join("\n", reasons.Select(r => "• " + r));
        return russian
            ? $"Здравствуйте!\n\nВаше письмо по обращению {ticket} получено, но не все файлы удалось принять:\n\n{list}\n\n"
              + "Текст письма у нас. Пожалуйста, пришлите файлы меньшего размера или ссылкой — либо дождитесь ссылки для загрузки от нашего сотрудника."
            : $"Hello,\n\nWe received your email about ticket {ticket}, but could not accept every file:\n\n{list}\n\n"
              + "Your message itself is with us. Please send smaller files or a link — or wait for an upload link from our agent.";
    }

    /// <summary>"within 3 hours" / "в течение 3 часов".</summary>
    /// <param name="stepMinutes">Minutes are rounded up to this step: 15 for mail, 1 for chat where two minutes is a real promise.</param>
    public static string Within(TimeSpan time, bool russian, int stepMinutes = 15)
    {
        if (time <= TimeSpan.FromMinutes(55))
        {
            var minutes = Math.Max(stepMinutes, (int)Math.Ceiling(time.TotalMinutes / stepMinutes) * stepMinutes);
            return russian ? $"в течение {minutes} {Plural(minutes, "минуты", "минут", "минут")}" : $"within {minutes} {(minutes == 1 ? "minute" : "minutes")}";
        }
        if (time <= TimeSpan.FromHours(47))
        {
            var hours = (int)Math.Ceiling(time.TotalHours);
            return russian ? $"в течение {hours} {Plural(hours, "часа", "часов", "часов")}" : $"within {hours} {(hours == 1 ? "hour" : "hours")}";
        }
        var days = (int)Math.Ceiling(time.TotalDays);
        return russian ? $"в течение {days} {Plural(days, "дня", "дней", "дней")}" : $"within {days} days";
    }

    /// <summary>Russian genitive after "в течение": 1 → one, 2–4 and 5+ take the plural.</summary>
    private static string Plural(int n, string one, string few, string many)
    {
        var lastTwo = n % 100;
        var last = n % 10;
        if (lastTwo is >= 11 and <= 14) return many;
        return last == 1 ? one : last is >= 2 and <= 4 ? few : many;
    }
}
