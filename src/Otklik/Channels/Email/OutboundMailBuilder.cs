using System.Net;
using MimeKit;
using MimeKit.Utils;

namespace Otklik.Channels.Email;

public sealed record OutboundFile(string FileName, string ContentType, Stream Content);

/// <summary>Everything that goes into one outgoing email; ids without angle brackets.</summary>
public sealed record OutboundMail(
    MailAddress From,
    IReadOnlyList<MailAddress> To,
    IReadOnlyList<MailAddress> Cc,
    string Subject,
    string MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string Text,
    string? Html,
    IReadOnlyList<OutboundFile> Files,
    bool Automatic = false,
    long? TicketNumber = null);

/// <summary>Builds the MIME message: plain text and HTML alternatives, files, threading headers.</summary>
public static class OutboundMailBuilder
{
    public static MimeMessage Build(OutboundMail mail, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId, Date = date };
        message.From.Add(new MailboxAddress(mail.From.Name, mail.From.Address));
        message.To.AddRange(mail.To.Select(a => new MailboxAddress(a.Name, a.Address)));
        message.Cc.AddRange(mail.Cc.Select(a => new MailboxAddress(a.Name, a.Address)));
        if (mail.InReplyTo is not null) message.InReplyTo = mail.InReplyTo;
        foreach (var reference in mail.References.TakeLast(30)) message.References.Add(reference);
        if (mail.Automatic)
        {
            // RFC 3834: tells other robots not to answer, so two auto-responders cannot ping-pong.
            message.Headers.Add("Auto-Submitted", "auto-replied");
            message.Headers.Add("X-Auto-Response-Suppress", "All");
            message.Headers.Add("Precedence", "auto_reply");
        }
        if (mail.TicketNumber is { } number) message.Headers.Add("X-Otklik-Ticket", number.ToString());

        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html ?? TextToHtml(mail.Text) };
        foreach (var file in mail.Files)
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Paragraphs and line breaks of a plain reply, safely encoded.</summary>
    public static string TextToHtml(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p.Trim('\n')).Replace("\n", "<br>") + "</p>");
        return "<div>" + string.Join("", paragraphs) + "</div>";
    }

    public static string NewMessageId(string domain) => MimeUtils.GenerateMessageId(domain);
}
