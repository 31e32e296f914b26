using System.Globalization;
using System.Text;
using Otklik.Domain;

namespace Otklik.Channels.Chat;

/// <summary>One line of a transcript: who, when (UTC), what, and the names of the files sent with it.</summary>
public sealed record TranscriptLine(bool FromVisitor, string? AgentName, DateTime AtUtc, string Text, IReadOnlyList<string> Files);

/// <summary>
/// The words of a chat transcript, in the customer's language, with times in the customer's time zone
/// (so "14:05" means what their clock showed). Files are listed by name: the mail carries the record, not the files.
/// </summary>
public static class ChatTranscriptText
{
    public static string Subject(long ticketId, bool russian) =>
        Email.TicketToken.Add(russian ? "Переписка в чате" : "Your chat transcript", ticketId);

    public static string Body(string company, long ticketId, IReadOnlyList<TranscriptLine> lines, TimeZoneInfo zone, bool russian)
    {
        var culture = CultureInfo.GetCultureInfo(russian ? "ru-RU" : "en-GB");
        var first = lines.Count > 0 ? TimeZoneInfo.ConvertTimeFromUtc(lines[0].AtUtc, zone) : DateTime.MinValue;
        var b = new StringBuilder();
        b.Append(russian ? "Здравствуйте!\n\n" : "Hello,\n\n");
        b.Append(russian
            ? $"Это запись вашего чата с {company} от {first.ToString("d MMMM yyyy", culture)} (время — {ZoneName(zone, lines)}).\n\n"
            : $"Here is the record of your chat with {company} on {first.ToString("d MMMM yyyy", culture)} (times are {ZoneName(zone, lines)}).\n\n");
        var day = first.Date;
        foreach (var line in lines)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(line.AtUtc, zone);
            if (local.Date != day)
            {
                day = local.Date;
                b.Append("— ").Append(local.ToString("d MMMM yyyy", culture)).Append(" —\n");
            }
            var who = line.FromVisitor ? (russian ? "Вы" : "You") : line.AgentName ?? (russian ? "Поддержка" : "Support");
            b.Append('[').Append(local.ToString("HH:mm", CultureInfo.InvariantCulture)).Append("] ").Append(who).Append(": ")
                .Append(line.Text.Replace("\n", "\n    ")).Append('\n');
            if (line.Files.Count > 0)
                b.Append("    ").Append(russian ? "Файлы: " : "Files: ").Append(string.Join(", ", line.Files)).Append('\n');
        }
        b.Append('\n').Append(russian
            ? $"Номер обращения — {ticketId}. Если захотите что-то добавить, ответьте на это письмо или снова откройте чат на сайте."
            : $"Your request number is {ticketId}. To add anything, reply to this email or open the chat on our site again.");
        return b.ToString();
    }

    /// <summary>"Europe/Moscow, UTC+03:00": the name the customer's browser gave and the offset anyone can read.</summary>
    private static string ZoneName(TimeZoneInfo zone, IReadOnlyList<TranscriptLine> lines)
    {
        var offset = zone.GetUtcOffset(lines.Count > 0 ? lines[0].AtUtc : DateTime.UtcNow);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{zone.Id}, UTC{sign}{offset:hh\\:mm}";
    }

    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static TranscriptLine LineOf(Message m) => new(m.Kind == MessageKind.Inbound, Names.FirstName(m.AuthorAgent?.Name),
        m.CreatedAt, m.BodyText, m.Attachments.Select(a => a.FileName).ToList());
}
