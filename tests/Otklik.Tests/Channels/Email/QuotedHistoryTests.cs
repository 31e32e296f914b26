using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed partial class QuotedHistoryTests
{
    [Fact]
    public void Split_GmailEnglishWithWrappedAttribution_FoldsAttributionAndQuote()
    {
        var (visible, folded) = QuotedHistory.Split(MailCorpus.Parse("reply-gmail-en.eml").Text);

        Assert.Equal("Thanks, it works now!", visible);
        Assert.StartsWith("On Thu, Mar 13, 2025 at 5:42 PM Otklik Support <support@otklik.example>\nwrote:", folded);
        Assert.EndsWith("> Anna, Otklik Support", folded);
    }

    [Fact]
    public void Split_GmailRussianAttributionWithoutVerb_IsFolded()
    {
        var (visible, folded) = QuotedHistory.Split(MailCorpus.Parse("reply-gmail-ru.eml").Text);

        Assert.Equal("Спасибо, счёт получил.", visible);
        Assert.StartsWith("чт, 13 мар. 2025 г. в 17:42, Otklik Support <support@otklik.example>:", folded);
    }

    [Fact]
    public void Split_OutlookHeaderBlockUnderALine_FoldsFromTheLine()
    {
        var (visible, folded) = QuotedHistory.Split(MailCorpus.Parse("reply-outlook-en.eml").Text);

        Assert.Equal("Yes, please grant access to Maria as well.\n\nRegards,\nJohn", visible);
        Assert.StartsWith("________________________________\nFrom: Otklik Support", folded);
    }

    [Fact]
    public void Split_OutlookRussianOriginalMessage_IsFolded()
    {
        var (visible, folded) = QuotedHistory.Split(MailCorpus.Parse("reply-outlook-ru.eml").Text);

        Assert.Equal("Да, выдайте доступ и Марии тоже.\n\nС уважением,\nОлег", visible);
        Assert.StartsWith("-----Исходное сообщение-----\nОт: Otklik Support", folded);
    }

    [Theory]
    [InlineData("13.03.2025 17:42, Иван Петров пишет:")]
    [InlineData("13 марта 2025 г., в 17:42, Иван Петров написал(а):")]
    [InlineData("Четверг, 13 марта 2025, 17:42 +03:00 от Иван <ivan@example.ru>:")]
    [InlineData("13.03.2025, 17:42, \"Иван\" <ivan@example.ru>:")]
    [InlineData("Иван Петров написал:")]
    [InlineData("Am 13.03.2025 um 17:42 schrieb Ivan <ivan@example.de>:")]
    [InlineData("Le 13 mars 2025 à 17:42, Ivan <ivan@example.fr> a écrit :")]
    public void Split_AttributionsBeforeAQuote_AreFolded(string attribution)
    {
        var (visible, folded) = QuotedHistory.Split($"Ответ выше.\n\n{attribution}\n> старый текст\n> ещё\n");

        Assert.Equal("Ответ выше.", visible);
        Assert.Equal($"{attribution}\n> старый текст\n> ещё", folded);
    }

    [Fact]
    public void Split_OutlookRussianHeaderBlockWithoutSeparator_IsFolded()
    {
        var (visible, folded) = QuotedHistory.Split("Готово.\n\nОт: Анна <anna@otklik.example>\nОтправлено: 13 марта 2025 г. 17:42\nКому: Олег\nТема: Отчёт\n\nТекст");

        Assert.Equal("Готово.", visible);
        Assert.StartsWith("От: Анна", folded);
    }

    [Fact]
    public void Split_Signature_IsFolded()
    {
        var (visible, folded) = QuotedHistory.Split("Please call me back.\n\n-- \nIvan Petrov\n+7 900 000-00-00");

        Assert.Equal("Please call me back.", visible);
        Assert.Equal("-- \nIvan Petrov\n+7 900 000-00-00", folded);
    }

    [Fact]
    public void Split_BottomPostedReply_KeepsTheAnswerVisible()
    {
        var text = "On Thu, Mar 13, 2025 at 5:42 PM Anna <anna@otklik.example> wrote:\n> Is it fixed?\n\nYes, it is fixed now.";

        Assert.Equal((text, null), QuotedHistory.Split(text));
    }

    [Fact]
    public void Split_InlineAnswersBetweenQuotes_FoldsOnlyTheTrailingQuote()
    {
        var text = "> Which browser?\nFirefox.\n> Which version?\n128.\n\n> Thanks,\n> Anna";

        var (visible, folded) = QuotedHistory.Split(text);

        Assert.Equal("> Which browser?\nFirefox.\n> Which version?\n128.", visible);
        Assert.Equal("> Thanks,\n> Anna", folded);
    }

    [Theory]
    [InlineData("> only a quote\n> nothing else")]
    [InlineData("On Thu, Mar 13, 2025 at 5:42 PM Anna <a@b.c> wrote:\n> quote")]
    [InlineData("-- \nsignature only")]
    public void Split_NothingWouldStayVisible_FoldsNothing(string text) =>
        Assert.Equal((text, null), QuotedHistory.Split(text));

    [Fact]
    public void Split_WroteInASentence_IsNotAnAttribution()
    {
        var text = "Last week I wrote:\nthe export fails on Mondays.\nIt still does.";

        Assert.Equal((text, null), QuotedHistory.Split(text));
    }

    [Fact]
    public void Split_NoHistory_ReturnsTheTextAsItIs() =>
        Assert.Equal(("Just a question.", null), QuotedHistory.Split("Just a question."));
}
