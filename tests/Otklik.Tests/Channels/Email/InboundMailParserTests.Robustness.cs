using System.Text;
using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed partial class InboundMailParserTests
{
    [Fact]
    public void Parse_EmptyMessage_ReturnsAnEmptyResultWithAWarning()
    {
        var mail = MailCorpus.Parse("empty.eml");

        Assert.Equal(("", "", null), (mail.Subject, mail.Text, mail.From));
        Assert.Single(mail.Warnings);
    }

    [Fact]
    public void Parse_MalformedHeaders_KeepsWhatCanBeRead()
    {
        var mail = MailCorpus.Parse("malformed-headers.eml");

        Assert.Equal("broken-id-without-brackets@example.net", mail.MessageId);
        Assert.Null(mail.Date);
        Assert.Contains(mail.To, a => a.Address == "good@example.org");
        Assert.Equal("Body survives malformed headers.", mail.Text);
        Assert.Contains(mail.Warnings, w => w.Contains("Date"));
        Assert.Contains(mail.Warnings, w => w.Contains("x-no-such-charset"));
    }

    [Fact]
    public void Parse_TruncatedMultipart_KeepsTheCompletePartsAndWarns()
    {
        var mail = MailCorpus.Parse("truncated-multipart.eml");

        Assert.Equal("The first part is complete.", mail.Text);
        Assert.Equal("half.pdf", Assert.Single(mail.Attachments).FileName);
        Assert.Contains(mail.Warnings, w => w.Contains("closing boundary"));
    }

    [Fact]
    public void Parse_MultipartWithoutBoundaryParameter_FindsTheBoundary()
    {
        var mail = MailCorpus.Parse("missing-boundary.eml");

        Assert.Equal("Text inside a multipart without a boundary parameter.", mail.Text);
        Assert.Equal("a note", Encoding.UTF8.GetString(Assert.Single(mail.Attachments).Content).Trim());
        Assert.Contains(mail.Warnings, w => w.Contains("boundary"));
    }

    [Fact]
    public void Parse_NulBytes_AreRemovedFromBodyAndSubject()
    {
        var mail = MailCorpus.Parse("nul-bytes.eml");

        Assert.Equal("Beforeafter NUL.", mail.Text);
        Assert.Equal("NUL bytes", mail.Subject);
        Assert.Contains(mail.Warnings, w => w.Contains("NUL"));
    }

    [Fact]
    public void Parse_TenThousandCharacterSubject_IsCutWithAWarning()
    {
        var mail = MailCorpus.Parse("long-subject.eml");

        Assert.Equal(InboundMailParser.MaxSubjectLength, mail.Subject.Length);
        Assert.StartsWith("Long subject Long subject", mail.Subject);
        Assert.Contains(mail.Warnings, w => w.Contains("subject"));
    }

    [Fact]
    public void Parse_TextWithoutHeaders_IsKeptAsTheBody()
    {
        var mail = InboundMailParser.Parse(Encoding.UTF8.GetBytes("just some words\nand another line\n"));

        Assert.Contains("just some words", mail.Text);
        Assert.NotEmpty(mail.Warnings);
    }

    [Fact]
    public void Parse_HostileHtml_DerivesTextWithoutScripts()
    {
        var mail = MailCorpus.Parse("hostile-html.eml");

        Assert.Contains("<script>", mail.Html);
        Assert.Contains("Please check this link and this one (https://example.com/ok).", mail.Text);
        Assert.DoesNotContain("alert", mail.Text);
    }

    [Fact]
    public void Parse_EveryCorpusMessageCutAnywhereOrCorrupted_NeverThrows()
    {
        var random = new Random(20250314);
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Channels", "Email", "Corpus"), "*.eml");
        Assert.True(files.Length >= 30, "the corpus was not copied to the output");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            for (var i = 0; i < 12; i++)
            {
                var cut = bytes[..random.Next(bytes.Length + 1)];
                var corrupted = (byte[])bytes.Clone();
                for (var j = 0; j < corrupted.Length / 50 + 1 && corrupted.Length > 0; j++) corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
                Assert.NotNull(InboundMailParser.Parse(cut).Warnings);
                Assert.NotNull(InboundMailParser.Parse(corrupted).Warnings);
            }
        }
    }

    [Fact]
    public void Parse_DeeplyNestedMultiparts_StopsWithAWarning()
    {
        var sb = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (var i = 1; i < 200; i++) sb.Append($"--b{i - 1}\r\nContent-Type: multipart/mixed; boundary=b{i}\r\n\r\n");
        sb.Append("--b199\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");

        var mail = InboundMailParser.Parse(Encoding.ASCII.GetBytes(sb.ToString()));

        Assert.Contains(mail.Warnings, w => w.Contains("nesting"));
    }
}
