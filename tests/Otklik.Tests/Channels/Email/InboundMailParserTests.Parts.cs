using System.Security.Cryptography;
using System.Text;
using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed partial class InboundMailParserTests
{
    [Fact]
    public void Parse_HtmlOnly_DerivesReadableText()
    {
        var mail = MailCorpus.Parse("html-only.eml");

        Assert.NotNull(mail.Html);
        Assert.Equal(
            "Hello,\n\nmy order #5521 has not arrived.\nTracking says \"delivered\".\n\n• Order date: 1 March\n• Address: Lenina 1\n\n" +
            "Details are on the order page (https://shop.example.com/orders/5521).\n\nThanks,\nPetr",
            mail.Text);
    }

    [Fact]
    public void Parse_AlternativeAndRelatedInsideMixed_KeepsBothBodiesAndTheInlineImage()
    {
        var mail = MailCorpus.Parse("alternative-related-cid.eml");

        Assert.Equal("The logo on the invoice is wrong, see below.", mail.Text);
        Assert.Contains("<img src=\"cid:logo.png@example.com\"", mail.Html);
        Assert.Collection(mail.Attachments,
            logo =>
            {
                Assert.Equal(("image/png", "logo.png@example.com", true), (logo.ContentType, logo.ContentId, logo.IsInline));
                Assert.Equal(0x89, logo.Content[0]);
            },
            pdf => Assert.Equal(("invoice.pdf", false), (pdf.FileName, pdf.IsInline)),
            unnamed => Assert.Equal(("attachment-3.bin", "application/octet-stream"), (unnamed.FileName, unnamed.ContentType)));
        Assert.Empty(mail.Warnings);
    }

    [Fact]
    public void Parse_AlternativeInsideMixedInsideRelated_FindsBodiesAndFiles()
    {
        var mail = InboundMailParser.Parse(MailCorpus.Message("""
            From: a@example.com
            Content-Type: multipart/related; boundary=rel

            --rel
            Content-Type: multipart/mixed; boundary=mix

            --mix
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            =D0=A1=D0=BC. =D1=84=D0=BE=D1=82=D0=BE
            --alt
            Content-Type: text/html; charset=utf-8

            <p>См. фото <img src="cid:p1@x"></p>
            --alt--
            --mix
            Content-Type: text/plain; name="..\\..\\startup\\run.txt"
            Content-Disposition: attachment

            file
            --mix--
            --rel
            Content-Type: image/jpeg
            Content-ID: <p1@x>
            Content-Transfer-Encoding: base64

            /9j/4AAQ
            --rel--
            """));

        Assert.Equal("См. фото", mail.Text);
        Assert.Equal("<p>См. фото <img src=\"cid:p1@x\"></p>", mail.Html);
        Assert.Collection(mail.Attachments,
            file => Assert.Equal(("run.txt", false), (file.FileName, file.IsInline)),
            photo => Assert.Equal(("p1@x", true), (photo.ContentId, photo.IsInline)));
    }

    [Fact]
    public void Parse_InlineImageTheHtmlNeverShows_IsListedAsAFile()
    {
        var mail = InboundMailParser.Parse(MailCorpus.Message("""
            From: a@example.com
            Content-Type: multipart/related; boundary=r

            --r
            Content-Type: text/html

            <p>No image here</p>
            --r
            Content-Type: image/gif
            Content-ID: <unused@x>
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --r--
            """));

        var image = Assert.Single(mail.Attachments);
        Assert.Equal("unused@x", image.ContentId);
        Assert.False(image.IsInline);
        Assert.Equal("attachment-1.gif", image.FileName);
    }

    [Fact]
    public void Parse_ForwardedMessage_AttachesTheEmlAndAppendsItsText()
    {
        var mail = MailCorpus.Parse("forwarded.eml");

        var eml = Assert.Single(mail.Attachments);
        Assert.Equal(("Договор №7.eml", "message/rfc822"), (eml.FileName, eml.ContentType));
        Assert.Equal("inner-contract@example.net", InboundMailParser.Parse(eml.Content).MessageId);
        Assert.StartsWith("Пересылаю письмо от поставщика.\n\n---------- Forwarded message ----------\n", mail.Text);
        Assert.Contains("From: Сергей <sergey@example.net>\nDate: 2025-03-09 16:20 +03:00\nSubject: Договор №7\n\nОльга, договор подписан", mail.Text);
    }

    [Fact]
    public void Parse_CalendarInvite_AddsTheIcsAndAOneLineSummary()
    {
        var mail = MailCorpus.Parse("calendar-invite.eml");

        var ics = Assert.Single(mail.Attachments);
        Assert.Equal(("text/calendar", false), (ics.ContentType, ics.IsInline));
        Assert.Equal("invite.ics", ics.FileName);
        Assert.Contains("BEGIN:VCALENDAR", Encoding.UTF8.GetString(ics.Content));
        Assert.Equal("Let's discuss stage 2.\n\nCalendar invitation: Созвон по интеграции, этап 2 — 2025-03-20 15:00 (Russian Standard Time) — Переговорная 3", mail.Text);
        Assert.Contains("Созвон по интеграции", mail.Html);
    }

    [Fact]
    public void Parse_WinmailDat_ExtractsTheFilesInside()
    {
        var tnef = TnefBlob.Create("Body from Outlook", ("report.txt", "quarterly numbers"u8.ToArray()), ("photo.jpg", [0xFF, 0xD8, 0xFF]));
        var mail = InboundMailParser.Parse(WithFile("Please see attached.", "application/ms-tnef", "winmail.dat", tnef));

        Assert.Equal("Please see attached.", mail.Text);
        Assert.Equal(["report.txt", "photo.jpg"], mail.Attachments.Select(a => a.FileName));
        Assert.Equal("quarterly numbers", Encoding.ASCII.GetString(mail.Attachments[0].Content));
    }

    [Fact]
    public void Parse_WinmailDatAsOctetStreamWithoutOuterText_UsesTheTnefBody()
    {
        var tnef = TnefBlob.Create("Body from Outlook", ("a.txt", "x"u8.ToArray()));
        var mail = InboundMailParser.Parse(WithFile("", "application/octet-stream", "winmail.dat", tnef));

        Assert.Equal("Body from Outlook", mail.Text);
        Assert.Equal("a.txt", Assert.Single(mail.Attachments).FileName);
    }

    [Fact]
    public void Parse_BrokenWinmailDat_IsKeptAsAFileWithAWarning()
    {
        var mail = InboundMailParser.Parse(WithFile("See file.", "application/ms-tnef", "winmail.dat", "not tnef at all"u8.ToArray()));

        Assert.Equal("winmail.dat", Assert.Single(mail.Attachments).FileName);
        Assert.Contains(mail.Warnings, w => w.Contains("winmail.dat"));
    }

    [Fact]
    public void Parse_TenMegabyteAttachment_DecodesWithoutExtraCopies()
    {
        var file = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var raw = WithFile("Big file attached.", "application/zip", "big.zip", file);
        InboundMailParser.Parse(WithFile("warm-up", "application/zip", "small.zip", [1, 2, 3]));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var mail = InboundMailParser.Parse(raw);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(file, Assert.Single(mail.Attachments).Content);
        // One array for the file plus parser buffers; a second copy of the file would exceed this.
        Assert.InRange(allocated, file.Length, file.Length * 3 / 2);
    }

    private static byte[] WithFile(string text, string type, string name, byte[] content) => MailCorpus.Message($"""
        From: sender@example.com
        Subject: With a file
        Content-Type: multipart/mixed; boundary="m"

        --m
        Content-Type: text/plain; charset=utf-8

        {text}
        --m
        Content-Type: {type}; name="{name}"
        Content-Disposition: attachment; filename="{name}"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks)}
        --m--
        """);
}
