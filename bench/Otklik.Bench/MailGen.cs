using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Otklik.Bench;

/// <summary>
/// Deterministic, realistic customer mail for the email scenario: multipart/alternative text + HTML in
/// Russian and English (Gmail- and Outlook-style markup, quoted history in replies), the headers real mail
/// carries on arrival (Received, DKIM-Signature, Authentication-Results), unique Message-IDs, about 40%
/// replies (In-Reply-To/References to an earlier message of the same run) and about a quarter with a CC.
/// The large kind adds a ~750 KB attachment (~1 MB on the wire in base64), different bytes per message.
/// </summary>
public sealed class MailGen(string run, string supportAddress)
{
    /// <summary>Replies go to a message at least this many positions earlier: with 8 clients it is stored by then.</summary>
    public const int ReplyDistance = 40;

    public sealed record Mail(byte[] Raw, string MessageId, int? ParentIndex);

    private readonly Dictionary<int, (string MessageId, string Subject, int Thread, string References, string Text)> _sent = [];

    public string MessageIdOf(int i) => $"{run}.{i}@mail.example.test";

    /// <summary>The index of the message that message i answers, or null for a new thread.</summary>
    public static int? ParentOf(int i, int first)
    {
        if (i - first < ReplyDistance || TextGen.Pick(i, 11, 10) >= 4) return null;
        return i - ReplyDistance - TextGen.Pick(i, 12, 160) is var p && p >= first ? p : null;
    }

    /// <summary>Builds messages first..first+count-1 in order (replies need their parents' ids and text).</summary>
    public List<Mail> Build(int first, int count, bool large)
    {
        var list = new List<Mail>(count);
        for (var i = first; i < first + count; i++) list.Add(BuildOne(i, first, large));
        return list;
    }

    private Mail BuildOne(int i, int first, bool large)
    {
        var parent = ParentOf(i, first) is { } p && _sent.TryGetValue(p, out var ps) ? (Index: p, ps.MessageId, ps.Subject, ps.Thread, ps.References, ps.Text) : default;
        var reply = parent.MessageId is not null;
        var thread = reply ? parent.Thread : i;
        var english = TextGen.Pick(thread, 13, 3) == 0;
        var name = TextGen.Name(thread);
        var from = $"{(large ? "big" : "mail")}-{run}-{thread}@{(thread % 3 == 0 ? "example.test" : "mail.example.test")}";
        var subject = reply ? (english ? "Re: " : "RE: ") + parent.Subject : $"{TextGen.Subject(i)} ({(english ? "order" : "заказ")} {100000 + i})";
        var date = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(3)).AddMinutes(i);

        var m = new MimeMessage();
        var id = MessageIdOf(i);
        m.MessageId = id;
        m.Date = date;
        m.Subject = subject;
        m.From.Add(new MailboxAddress(name, from));
        m.To.Add(new MailboxAddress("Служба поддержки", supportAddress));
        if (TextGen.Pick(i, 14, 4) == 0) m.Cc.Add(new MailboxAddress(TextGen.Name(thread + 7), $"colleague-{run}-{thread}@example.test"));
        var references = reply ? (parent.References + " <" + parent.MessageId + ">").Trim() : "";
        if (reply)
        {
            m.InReplyTo = parent.MessageId;
            foreach (var r in references.Split(' ', StringSplitOptions.RemoveEmptyEntries)) m.References.Add(r.Trim('<', '>'));
        }

        var sentences = new List<string>();
        var greeting = english ? $"Hello,\n\n" : "Здравствуйте!\n\n";
        var gmail = TextGen.Pick(i, 16, 2) == 0;
        // UTF-8 bytes of new text (the quoted history comes on top); Outlook's markup is about twice Gmail's.
        var textBudget = (large ? 2500 : 4600) * (gmail ? 10 : 6) / 10;
        var sb = new StringBuilder(greeting);
        for (var k = 0; Encoding.UTF8.GetByteCount(sb.ToString()) < textBudget; k++)
        {
            var s = TextGen.Sentences[TextGen.Pick(i * 31 + k, 15, TextGen.Sentences.Length)];
            sentences.Add(s);
            sb.Append(s).Append(k % 4 == 3 ? "\n\n" : " ");
        }
        var signature = english ? $"--\n{name}\nHead of procurement, ООО «Ромашка»\n+7 (495) 123-45-{i % 100:00}" : $"--\nС уважением,\n{name}\nООО «Ромашка», отдел закупок\n+7 (495) 123-45-{i % 100:00}";
        var quoteHeader = english ? $"On {date.AddMinutes(-30):ddd, d MMM yyyy} at {date.AddMinutes(-30):HH:mm}, Support <{supportAddress}> wrote:"
                                  : $"{date.AddMinutes(-30):dd.MM.yyyy}, {date.AddMinutes(-30):HH:mm}, Служба поддержки <{supportAddress}>:";
        // Replies quote the earlier message, cut to keep the size stable.
        var quoted = reply ? parent.Text[..Math.Min(parent.Text.Length, 1500)] : null;
        var text = sb.ToString().TrimEnd() + "\n\n" + signature + (quoted is null ? "" : "\n\n" + quoteHeader + "\n" + string.Join('\n', quoted.Split('\n').Select(l => "> " + l)));
        var html = gmail ? Gmail(sentences, greeting, signature, quoteHeader, quoted) : Outlook(sentences, greeting, signature, quoteHeader, quoted);

        var plain = new TextPart(TextFormat.Plain) { Text = text };
        plain.ContentTransferEncoding = plain.GetBestEncoding(EncodingConstraint.SevenBit);
        var rich = new TextPart(TextFormat.Html) { Text = html };
        rich.ContentTransferEncoding = rich.GetBestEncoding(EncodingConstraint.SevenBit);
        MimeEntity body = new MultipartAlternative { plain, rich };
        if (large)
        {
            var bytes = new byte[750 * 1024];
            new Random(i * 7919 + 17).NextBytes(bytes);
            "%PDF-1.7\n"u8.CopyTo(bytes);
            var file = new MimePart("application", "pdf")
            {
                Content = new MimeContent(new MemoryStream(bytes)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = english ? $"invoice-{100000 + i}.pdf" : $"Счёт на оплату №{100000 + i}.pdf",
            };
            body = new Multipart("mixed") { body, file };
        }
        m.Body = body;
        m.Headers.Add("User-Agent", english ? "Mozilla Thunderbird" : "Microsoft Outlook 16.0");
        m.Headers.Add("Content-Language", english ? "en-US" : "ru-RU");

        using var buffer = new MemoryStream();
        var arrival = new StringBuilder();
        arrival.Append($"Return-Path: <{from}>\r\n");
        arrival.Append($"Delivered-To: {supportAddress}\r\n");
        arrival.Append($"Received: from mx.example.test (mx.example.test [192.0.2.{i % 250 + 1}])\r\n\tby mail.otklik.test (Postfix) with ESMTPS id 4Xk{i:X6}\r\n\tfor <{supportAddress}>; {date.AddSeconds(3):ddd, d MMM yyyy HH:mm:ss} +0300 (MSK)\r\n");
        arrival.Append($"Authentication-Results: mail.otklik.test; spf=pass smtp.mailfrom={from}; dkim=pass header.d=example.test; dmarc=pass header.from=example.test\r\n");
        arrival.Append($"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=mail;\r\n\th=from:to:subject:date:message-id; bh={Convert.ToBase64String(BitConverter.GetBytes((long)i * 2654435761L))}=;\r\n\tb={Convert.ToBase64String(Encoding.ASCII.GetBytes(id + id + id))}\r\n");
        buffer.Write(Encoding.ASCII.GetBytes(arrival.ToString()));
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        m.WriteTo(format, buffer);
        _sent[i] = (id, subject.StartsWith("Re: ") || subject.StartsWith("RE: ") ? subject[4..] : subject, thread, references, text);
        return new Mail(buffer.ToArray(), id, reply ? parent.Index : null);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Quote(string? quoted) => quoted is null ? "" : string.Join("<br>\r\n", quoted.Split('\n').Select(E));

    private static string Gmail(List<string> sentences, string greeting, string signature, string quoteHeader, string? quoted)
    {
        var sb = new StringBuilder("<div dir=\"ltr\"><div>").Append(E(greeting.Trim())).Append("</div><div><br></div>\r\n");
        for (var k = 0; k < sentences.Count; k += 4)
            sb.Append("<div>").Append(string.Join(" ", sentences.Skip(k).Take(4).Select(E))).Append("</div><div><br></div>\r\n");
        sb.Append("<div><br></div>-- <br><div dir=\"ltr\" class=\"gmail_signature\" data-smartmail=\"gmail_signature\"><div dir=\"ltr\">")
          .Append("<table cellpadding=\"0\" cellspacing=\"0\" style=\"font-family:Arial,sans-serif;font-size:13px;color:rgb(34,34,34)\"><tbody><tr><td style=\"padding-right:12px;border-right:2px solid rgb(26,115,232)\">")
          .Append(string.Join("<br>", signature.Split('\n').Skip(1).Select(E)))
          .Append("</td><td style=\"padding-left:12px\"><a href=\"https://example.test/\" target=\"_blank\">example.test</a></td></tr></tbody></table></div></div></div>\r\n");
        if (quoted is not null)
            sb.Append("<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">").Append(E(quoteHeader)).Append("<br></div>")
              .Append("<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">")
              .Append(Quote(quoted)).Append("</blockquote></div>\r\n");
        return sb.ToString();
    }

    private static string Outlook(List<string> sentences, string greeting, string signature, string quoteHeader, string? quoted)
    {
        const string p = "<p class=\"MsoNormal\"><span style=\"font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif;mso-fareast-language:EN-US\">";
        var sb = new StringBuilder("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">")
            .Append("<style><!--p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;} a:link{color:#0563C1;text-decoration:underline;} --></style></head>\r\n")
            .Append("<body lang=\"RU\" link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\"><div class=\"WordSection1\">\r\n")
            .Append(p).Append(E(greeting.Trim())).Append("<o:p></o:p></span></p>\r\n");
        foreach (var s in sentences) sb.Append(p).Append(E(s)).Append("<o:p></o:p></span></p>\r\n");
        sb.Append(p).Append("<o:p>&nbsp;</o:p></span></p>\r\n");
        foreach (var line in signature.Split('\n')) sb.Append(p).Append("<span style=\"color:#1F3864\">").Append(E(line)).Append("</span><o:p></o:p></span></p>\r\n");
        if (quoted is not null)
            sb.Append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">").Append(p).Append("<b>").Append(E(quoteHeader))
              .Append("</b><o:p></o:p></span></p></div>\r\n<blockquote style=\"margin-left:4.8pt\">").Append(p).Append(Quote(quoted)).Append("</span></p></blockquote>\r\n");
        return sb.Append("</div></body></html>\r\n").ToString();
    }
}
