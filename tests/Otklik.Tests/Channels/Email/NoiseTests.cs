using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class NoiseTests
{
    [Theory]
    [InlineData("auto-reply.eml", MailNoise.AutoReply)]
    [InlineData("out-of-office.eml", MailNoise.AutoReply)]
    [InlineData("list-mail.eml", MailNoise.Bulk)]
    [InlineData("bounce-dsn-postfix.eml", MailNoise.Bounce)]
    [InlineData("bounce-dsn-headers.eml", MailNoise.Bounce)]
    [InlineData("bounce-classic.eml", MailNoise.Bounce)]
    [InlineData("plain-utf8.eml", MailNoise.None)]
    [InlineData("reply-gmail-en.eml", MailNoise.None)]
    public void Classify_Corpus(string file, MailNoise expected) =>
        Assert.Equal(expected, MailCorpus.Parse(file).Noise);

    [Theory]
    [InlineData("Auto-Submitted: auto-generated", MailNoise.AutoReply)]
    [InlineData("Auto-Submitted: no", MailNoise.None)]
    [InlineData("X-Autoreply: yes", MailNoise.AutoReply)]
    [InlineData("X-Autorespond: 1", MailNoise.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: OOF", MailNoise.AutoReply)]
    [InlineData("X-Auto-Response-Suppress: DR, RN", MailNoise.None)]
    [InlineData("Precedence: bulk", MailNoise.Bulk)]
    [InlineData("Precedence: junk", MailNoise.Bulk)]
    [InlineData("List-Unsubscribe: <https://example.net/u>", MailNoise.Bulk)]
    [InlineData("X-Mailchimp-Campaign: 42", MailNoise.Bulk)]
    [InlineData("X-Campaign: spring", MailNoise.Bulk)]
    [InlineData("X-Mailer: Thunderbird", MailNoise.None)]
    public void Classify_ByHeader(string header, MailNoise expected) =>
        Assert.Equal(expected, Parse(header, "Question about my order").Noise);

    [Theory]
    [InlineData("Automatic reply: Question", MailNoise.AutoReply)]
    [InlineData("Автоматический ответ: Вопрос", MailNoise.AutoReply)]
    [InlineData("Auto: Question", MailNoise.AutoReply)]
    [InlineData("Out of Office: Question", MailNoise.None)]
    [InlineData("Нет на месте: Вопрос", MailNoise.None)]
    [InlineData("Out of office chairs: need a quote", MailNoise.None)]
    [InlineData("Автоответ не работает", MailNoise.None)]
    public void Classify_BySubjectAlone(string subject, MailNoise expected) =>
        Assert.Equal(expected, Parse("X-Mailer: Outlook", subject).Noise);

    [Theory]
    [InlineData("Return-Path: <>")]
    [InlineData("X-Loop: robot@example.com")]
    [InlineData("X-Auto-Response-Suppress: DR")]
    public void Classify_OutOfOfficeSubjectWithAnotherSignal_IsAutoReply(string header)
    {
        Assert.Equal(MailNoise.AutoReply, Parse(header, "Out of Office: Question").Noise);
        Assert.Equal(MailNoise.AutoReply, Parse(header, "Нет на месте: Вопрос").Noise);
    }

    [Fact]
    public void Classify_PostmasterWritingAnOrdinaryMail_IsNotABounce() =>
        Assert.Equal(MailNoise.None, Parse("X-Mailer: Outlook", "Can you help with DNS?", from: "postmaster@example.org").Noise);

    [Fact]
    public void Classify_DeliveryFailureSubjectFromAPerson_IsNotABounce() =>
        Assert.Equal(MailNoise.None, Parse("X-Mailer: Outlook", "Mail delivery failed for our invoices", from: "ivan@example.org").Noise);

    [Fact]
    public void Parse_PostfixDsn_FillsTheDeliveryReport()
    {
        var mail = MailCorpus.Parse("bounce-dsn-postfix.eml");
        var report = mail.Bounce;

        Assert.DoesNotContain("Forwarded message", mail.Text);
        Assert.Contains(mail.Attachments, a => a.ContentType == "message/rfc822");
        Assert.NotNull(report);
        Assert.Equal("outgoing-77@otklik.example", report.OriginalMessageId);
        Assert.Equal("nobody@example.org", report.Recipient);
        Assert.Equal("failed", report.Action);
        Assert.Equal("5.1.1", report.Status);
        Assert.Equal("550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown", report.Diagnostic);
    }

    [Fact]
    public void Parse_DsnWithReturnedHeadersOnly_FindsTheOriginalMessageId()
    {
        var report = MailCorpus.Parse("bounce-dsn-headers.eml").Bounce;

        Assert.Equal(new DeliveryReport("outgoing-78@otklik.example", "slow@example.org", "delayed", "4.4.1", "421 4.4.1 Connection timed out"), report);
    }

    [Fact]
    public void Parse_ClassicBounce_ReadsTheProse()
    {
        var report = MailCorpus.Parse("bounce-classic.eml").Bounce;

        Assert.Equal(new DeliveryReport("outgoing-79@otklik.example", "gone@example.net", "failed", "5.1.1", "550 5.1.1 No such user here"), report);
    }

    [Fact]
    public void Parse_NotABounce_HasNoDeliveryReport() =>
        Assert.Null(MailCorpus.Parse("auto-reply.eml").Bounce);

    private static ParsedEmail Parse(string header, string subject, string from = "customer@example.com") =>
        InboundMailParser.Parse(MailCorpus.Message($"From: {from}\n{header}\nSubject: {subject}\nContent-Type: text/plain; charset=utf-8\n\nBody.\n"));
}
