using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Otklik.Channels.Email;

/// <summary>
/// Reads what a bounce says about a message we sent: the RFC 3464 report when there is one,
/// otherwise the prose of classic MAILER-DAEMON messages.
/// </summary>
internal static partial class DeliveryReports
{
    public static DeliveryReport Read(MimeMessage message, string text)
    {
        var originalId = OriginalMessageId(message, text);
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            var type = part.ContentType.MimeType.ToLowerInvariant();
            if (type is not ("message/delivery-status" or "message/global-delivery-status")) continue;
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            if (FromStatusFields(Encoding.UTF8.GetString(content.GetBuffer(), 0, (int)content.Length), originalId) is { } report) return report;
        }
        return FromProse(message, text, originalId);
    }

    private static DeliveryReport? FromStatusFields(string fields, string? originalId)
    {
        var groups = Groups(fields).Where(g => g.ContainsKey("action") || g.ContainsKey("final-recipient")).ToList();
        var chosen = groups.FirstOrDefault(g => g.GetValueOrDefault("action")?.StartsWith("failed", StringComparison.OrdinalIgnoreCase) == true)
            ?? groups.FirstOrDefault();
        if (chosen is null) return null;
        var action = FirstWord(chosen.GetValueOrDefault("action"))?.ToLowerInvariant() ?? "failed";
        var recipient = AfterType(chosen.GetValueOrDefault("final-recipient") ?? chosen.GetValueOrDefault("original-recipient"));
        return new DeliveryReport(originalId, recipient, action, FirstWord(chosen.GetValueOrDefault("status")), AfterType(chosen.GetValueOrDefault("diagnostic-code")));
    }

    private static DeliveryReport FromProse(MimeMessage message, string text, string? originalId)
    {
        var subject = (message.Subject ?? "").ToLowerInvariant();
        var action = subject.Contains("delay") || subject.Contains("warning") || subject.Contains("задерж") ? "delayed" : "failed";
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        var recipient = MailHeaderText.BareAddress().Matches(text).Select(m => m.Value.Trim('.', '<', '>'))
            .FirstOrDefault(a => !IsDaemon(a) && !string.Equals(a, from, StringComparison.OrdinalIgnoreCase) && !string.Equals(a, originalId, StringComparison.OrdinalIgnoreCase));
        var status = StatusCode().Match(text);
        var diagnostics = SmtpReply().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();
        var diagnostic = diagnostics.FirstOrDefault(d => StatusCode().IsMatch(d)) ?? diagnostics.FirstOrDefault();
        return new DeliveryReport(originalId, recipient, action, status.Success ? status.Groups[1].Value : null, diagnostic);
    }

    private static string? OriginalMessageId(MimeMessage message, string text)
    {
        foreach (var entity in message.BodyParts)
        {
            if (entity is MessagePart { Message: { } returned } && MailHeaderText.MessageId(returned.MessageId, returned.Headers, HeaderId.MessageId) is { } id) return id;
            if (entity is MimePart part && part.ContentType.MimeType.Equals("text/rfc822-headers", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var content = new MemoryStream();
                    part.Content?.DecodeTo(content);
                    content.Position = 0;
                    var headers = HeaderList.Load(MailHeaderText.Options, content);
                    if (MailHeaderText.MessageId(null, headers, HeaderId.MessageId) is { } fromHeaders) return fromHeaders;
                }
                catch (FormatException) { }
            }
        }
        var line = MessageIdLine().Match(text);
        return line.Success ? line.Groups[1].Value : null;
    }

    private static IEnumerable<Dictionary<string, string>> Groups(string fields)
    {
        var group = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var raw in fields.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                if (group.Count > 0) yield return group;
                group = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                last = null;
                continue;
            }
            if (raw[0] is ' ' or '\t' && last is not null) { group[last] += " " + raw.Trim(); continue; }
            var colon = raw.IndexOf(':');
            if (colon <= 0) continue;
            last = raw[..colon].Trim();
            group.TryAdd(last, raw[(colon + 1)..].Trim());
        }
        if (group.Count > 0) yield return group;
    }

    private static string? AfterType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var semi = value.IndexOf(';');
        var result = (semi >= 0 ? value[(semi + 1)..] : value).Trim().Trim('<', '>');
        return result.Length == 0 ? null : result;
    }

    private static string? FirstWord(string? value) =>
        value?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private static bool IsDaemon(string address)
    {
        var local = address.Split('@')[0].ToLowerInvariant();
        return local is "mailer-daemon" or "postmaster" or "mail-daemon" or "mailerdaemon";
    }

    [GeneratedRegex(@"(?im)^[ \t>]*Message-ID:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$")]
    private static partial Regex MessageIdLine();

    [GeneratedRegex(@"(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"(?<![\d.\[])([45]\d{2}[ -][^\r\n]{3,})")]
    private static partial Regex SmtpReply();
}
