using MimeKit;

namespace Otklik.Channels.Email;

/// <summary>
/// Tells mail written by a person from auto-replies, newsletters and bounces, so the helpdesk
/// neither opens tickets for them nor answers them (which is how mail loops start).
/// </summary>
public static class Noise
{
    private static readonly string[] AutoReplyPrefixes =
    [
        "automatic reply:", "auto:", "autoreply:", "auto reply:", "auto-reply:", "auto response:", "autoresponse:",
        "автоматический ответ:", "автоответ:", "automatische antwort:", "réponse automatique", "respuesta automática:", "autosvar:",
    ];

    // Alone these are just words a person may write ("Out of office chairs: quote"), so they need another hint.
    private static readonly string[] AutoReplyWords =
    [
        "out of office", "out of the office", "away from the office", "on vacation", "on holiday", "absence notice",
        "автоответ", "нет на месте", "вне офиса", "в отпуске", "отсутствую", "не в офисе", "abwesenheit",
    ];

    private static readonly string[] BounceSubjects =
    [
        "undelivered mail returned to sender", "delivery status notification (failure)", "delivery status notification (delay)",
        "mail delivery failed", "undeliverable:", "delivery failure", "returned mail:", "failure notice", "mail delivery failure",
        "недоставленное сообщение", "не удалось доставить", "сообщение не доставлено",
    ];

    private static readonly string[] BulkHeaderPrefixes = ["X-Mailchimp", "X-MC-User", "X-Campaign", "X-Newsletter", "X-Mailgun-Campaign", "X-Sendpulse", "X-UniSender"];

    public static MailNoise Classify(MimeMessage message)
    {
        var headers = message.Headers;
        var subject = MailHeaderText.Decoded(message.Subject).ToLowerInvariant();
        if (IsBounce(message, subject)) return MailNoise.Bounce;
        if (IsAutoReply(message, headers, subject)) return MailNoise.AutoReply;
        if (IsBulk(headers)) return MailNoise.Bulk;
        return MailNoise.None;
    }

    internal static bool IsBounce(MimeMessage message, string subject)
    {
        var type = message.Body?.ContentType;
        if (type is not null && type.IsMimeType("multipart", "report"))
        {
            var report = type.Parameters["report-type"]?.ToLowerInvariant();
            if (report is "delivery-status" or "global-delivery-status") return true;
        }
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? message.Sender?.Address ?? "";
        var local = from.Split('@')[0].ToLowerInvariant();
        var daemon = local is "mailer-daemon" or "postmaster" or "mail-daemon" or "mailerdaemon" || NullSender(message.Headers);
        return daemon && BounceSubjects.Any(s => subject.Contains(s, StringComparison.Ordinal));
    }

    private static bool IsAutoReply(MimeMessage message, HeaderList headers, string subject)
    {
        var auto = headers["Auto-Submitted"]?.Trim().ToLowerInvariant();
        if (auto is { Length: > 0 } && !auto.StartsWith("no")) return true;
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder")) return true;
        if (headers["X-Auto-Response-Suppress"] is { } suppress && Suppresses(suppress)) return true;
        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        if (precedence is "auto_reply" or "auto-reply") return true;
        if (message.Body?.ContentType is { } t && t.IsMimeType("multipart", "report")
            && string.Equals(t.Parameters["report-type"], "disposition-notification", StringComparison.OrdinalIgnoreCase)) return true;

        var clean = subject.TrimStart();
        if (AutoReplyPrefixes.Any(p => clean.StartsWith(p, StringComparison.Ordinal))) return true;
        if (!AutoReplyWords.Any(w => clean.Contains(w, StringComparison.Ordinal))) return false;
        return NullSender(headers) || headers.Contains("X-Loop") || headers.Contains("X-Auto-Response-Suppress")
            || headers.Contains("X-MS-Exchange-Generated-Message-Source") || precedence is { Length: > 0 };
    }

    private static bool Suppresses(string value) =>
        value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Any(v => v.Equals("OOF", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase));

    private static bool IsBulk(HeaderList headers)
    {
        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "list" or "junk") return true;
        if (headers.Contains("List-Id") || headers.Contains("List-Unsubscribe")) return true;
        return headers.Any(h => BulkHeaderPrefixes.Any(p => h.Field.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool NullSender(HeaderList headers) =>
        headers["Return-Path"] is { } path && path.Trim() is "<>" or "" or "< >";
}
