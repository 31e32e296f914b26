using System.Text;
using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed partial class InboundMailParserTests
{
    static InboundMailParserTests() => MailCharset.EnsureRegistered();

    private const string RussianLine = "Прошу выставить счёт на оплату за март. Реквизиты прежние.";

    [Fact]
    public void Parse_PlainUtf8_ReadsThreadingAddressesAndBody()
    {
        var mail = MailCorpus.Parse("plain-utf8.eml");

        Assert.Equal("plain-utf8.1@mail.example.com", mail.MessageId);
        Assert.Equal("reply-2@otklik.example", mail.InReplyTo);
        Assert.Equal(["start-1@otklik.example", "reply-2@otklik.example"], mail.References);
        Assert.Equal(new MailAddress("ivan.petrov@example.com", "Иван Петров"), mail.From);
        Assert.Equal("i.petrov@example.org", mail.ReplyTo?.Address);
        Assert.Equal("support@otklik.example", Assert.Single(mail.To).Address);
        Assert.Equal(["maria@example.com", "anna@example.net"], mail.Cc.Select(c => c.Address));
        Assert.Equal("Не приходит письмо для сброса пароля", mail.Subject);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 10, 15, 0, TimeSpan.FromHours(3)), mail.Date);
        Assert.StartsWith("Здравствуйте!\n\nНе приходит письмо", mail.Text);
        Assert.Contains("«Спам»", mail.Text);
        Assert.Null(mail.Html);
        Assert.Equal(MailNoise.None, mail.Noise);
        Assert.Empty(mail.Warnings);
    }

    [Fact]
    public void Parse_SeveralAuthenticationResults_TrustsOnlyTheTopmost()
    {
        var mail = MailCorpus.Parse("plain-utf8.eml");

        Assert.Equal(new AuthVerdicts("pass", "pass", "pass"), mail.Auth);
    }

    [Theory]
    [InlineData("koi8r-labelled.eml")]
    [InlineData("cp1251-labelled.eml")]
    [InlineData("cp1251-as-latin1.eml")]
    [InlineData("koi8r-unlabelled.eml")]
    [InlineData("iso-8859-5.eml")]
    public void Parse_CyrillicCharsets_DecodeSubjectAndBody(string file)
    {
        var mail = MailCorpus.Parse(file);

        Assert.Equal("Счёт за март", mail.Subject);
        Assert.Contains(RussianLine, mail.Text);
        Assert.Contains("С уважением,\nОльга Смирнова", mail.Text);
    }

    [Fact]
    public void Parse_Koi8rWithoutCharset_DecodesCyrillic()
    {
        var mail = MailCorpus.Parse("koi8r-unlabelled.eml");

        Assert.StartsWith("Добрый день!", mail.Text);
        Assert.Contains(mail.Warnings, w => w.Contains("koi8-r"));
    }

    [Fact]
    public void Parse_Cp1251LabelledLatin1_OverrulesTheLabelAndSaysSo()
    {
        var mail = MailCorpus.Parse("cp1251-as-latin1.eml");

        Assert.StartsWith("Добрый день!", mail.Text);
        Assert.Contains(mail.Warnings, w => w.Contains("iso-8859-1") && w.Contains("windows-1251"));
    }

    [Fact]
    public void Parse_RealLatin1Text_IsNotMistakenForCyrillic()
    {
        var raw = Encoding.Latin1.GetBytes("From: a@example.com\r\nSubject: Caf\u00e9\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCaf\u00e9 cr\u00e8me, \u00fcber die Stra\u00dfe. Voil\u00e0!\r\n");

        var mail = InboundMailParser.Parse(raw);

        Assert.Equal("Café crème, über die Straße. Voilà!", mail.Text);
        Assert.Equal("Café", mail.Subject);
    }

    [Fact]
    public void Parse_Utf8WithoutCharset_IsReadAsUtf8()
    {
        var mail = InboundMailParser.Parse(MailCorpus.Message("From: a@example.com\nSubject: Тест\nContent-Type: text/plain\n\nПривет, мир — ёжик\n"));

        Assert.Equal("Привет, мир — ёжик", mail.Text);
        Assert.Equal("Тест", mail.Subject);
    }

    [Fact]
    public void Parse_Rfc2047SplitInsideACharacter_JoinsTheBytes()
    {
        var mail = MailCorpus.Parse("rfc2047-split.eml");

        Assert.Equal("Заявка на возврат", mail.Subject);
        Assert.Equal("Анна Кузнецова", mail.From?.Name);
        Assert.Equal("Служба поддержки", Assert.Single(mail.To).Name);
    }

    [Fact]
    public void Parse_Rfc2231ContinuedRussianFileName_DecodesTheName()
    {
        var mail = MailCorpus.Parse("rfc2231-filename.eml");

        var file = Assert.Single(mail.Attachments);
        Assert.Equal("Счёт на оплату №15 от 12.03.2025.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.StartsWith("%PDF-1.4", Encoding.ASCII.GetString(file.Content));
    }

    [Fact]
    public void Parse_RawCp1251DisplayNameAndFileName_AreRepaired()
    {
        var head = "From: \"" + Encoding.Latin1.GetString(Encoding.GetEncoding(1251).GetBytes("Пётр Сидоров")) + "\" <p@example.com>\r\n";
        var name = Encoding.Latin1.GetString(Encoding.GetEncoding(1251).GetBytes("Акт сверки.xlsx"));
        var raw = Encoding.Latin1.GetBytes(head + "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x\r\n" +
            $"Content-Type: application/octet-stream; name=\"{name}\"\r\n\r\ndata\r\n--x--\r\n");

        var mail = InboundMailParser.Parse(raw);

        Assert.Equal("Пётр Сидоров", mail.From?.Name);
        Assert.Equal("Акт сверки.xlsx", Assert.Single(mail.Attachments).FileName);
    }

    [Fact]
    public void Parse_HtmlWithMetaCharsetOnly_UsesTheMetaCharset()
    {
        var mail = MailCorpus.Parse("html-meta-charset.eml");

        Assert.Equal("Здравствуйте, не работает выгрузка.", mail.Text);
        Assert.Contains("Здравствуйте", mail.Html);
    }

    [Fact]
    public void Parse_Stream_GivesTheSameResultAsBytes()
    {
        var bytes = MailCorpus.Bytes("alternative-related-cid.eml");
        using var stream = new NonSeekableStream(bytes);

        var fromStream = InboundMailParser.Parse(stream);
        var fromBytes = InboundMailParser.Parse(bytes);

        Assert.Equal(fromBytes.Text, fromStream.Text);
        Assert.Equal(fromBytes.Html, fromStream.Html);
        Assert.Equal(fromBytes.Attachments.Select(a => (a.FileName, a.Content.Length)), fromStream.Attachments.Select(a => (a.FileName, a.Content.Length)));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
