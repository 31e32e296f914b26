using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed partial class QuotedHistoryTests
{
    [Fact]
    public void SplitHtml_GmailQuote_IsFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml(MailCorpus.Parse("reply-gmail-en.eml").Html!);

        Assert.Equal("<div dir=\"ltr\">Thanks, it works now!</div><br>", visible);
        Assert.StartsWith("<div class=\"gmail_quote gmail_quote_container\">", folded);
        Assert.Contains("we have resent the link", folded);
    }

    [Fact]
    public void SplitHtml_OutlookOnTheWeb_FoldsFromAppendOnSend()
    {
        var (visible, folded) = QuotedHistory.SplitHtml(MailCorpus.Parse("reply-outlook-en.eml").Html!);

        Assert.Contains("grant access to Maria", visible);
        Assert.DoesNotContain("access is granted", visible);
        Assert.StartsWith("<div id=\"appendonsend\"></div><hr", folded);
        Assert.Contains("access is granted", folded);
    }

    [Fact]
    public void SplitHtml_OutlookDesktopRussianHeaderBlock_IsFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml(MailCorpus.Parse("reply-outlook-ru.eml").Html!);

        Assert.Contains("Да, выдайте доступ", visible);
        Assert.DoesNotContain("Отправлено", visible);
        Assert.StartsWith("<div class=\"WordSection1\"><div style=\"border:none;border-top", folded);
        Assert.Contains("Олег, доступ выдан.", folded);
    }

    [Fact]
    public void SplitHtml_DivRplyFwdMsgAfterARule_FoldsTheRuleToo()
    {
        var (visible, folded) = QuotedHistory.SplitHtml("<p>Done.</p><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Anna</div><div>old</div>");

        Assert.Equal("<p>Done.</p>", visible);
        Assert.Equal("<hr><div id=\"divRplyFwdMsg\"><b>From:</b> Anna</div><div>old</div>", folded);
    }

    [Fact]
    public void SplitHtml_AppleMailCiteBlockquote_IsFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml("<div>Sure.</div><div><br><blockquote type=\"cite\">On 13 Mar 2025 Anna wrote:<br>old</blockquote></div>");

        Assert.Equal("<div>Sure.</div><div><br></div>", visible);
        Assert.Equal("<div><blockquote type=\"cite\">On 13 Mar 2025 Anna wrote:<br>old</blockquote></div>", folded);
    }

    [Fact]
    public void SplitHtml_YandexStyleAttributionAndBlockquote_AreFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml("<div>Спасибо!</div><div> </div><div>13.03.2025, 17:42, \"Анна\" &lt;anna@otklik.example&gt;:</div><blockquote><div>Старый текст</div></blockquote>");

        Assert.Equal("<div>Спасибо!</div><div> </div>", visible);
        Assert.StartsWith("<div>13.03.2025, 17:42", folded);
    }

    [Fact]
    public void SplitHtml_MailRuBlockquoteWithAttributionInside_IsFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml("<div>Принято.</div><blockquote style=\"border-left:1px solid #0857A6\">Четверг, 13 марта 2025, 17:42 +03:00 от Анна &lt;anna@otklik.example&gt;:<br><div>Старое</div></blockquote>");

        Assert.Equal("<div>Принято.</div>", visible);
        Assert.StartsWith("<blockquote", folded);
    }

    [Fact]
    public void SplitHtml_BlockquoteFollowedByAnAnswer_StaysVisible()
    {
        var html = "<blockquote>Which browser?</blockquote><div>Firefox 128.</div>";

        Assert.Equal((html, null), QuotedHistory.SplitHtml(html));
    }

    [Fact]
    public void SplitHtml_DashDashSignatureLine_IsFolded()
    {
        var (visible, folded) = QuotedHistory.SplitHtml("<div>Call me.<br>-- <br>Ivan, +7 900</div>");

        Assert.Equal("<div>Call me.<br></div>", visible);
        Assert.Equal("<div>-- <br>Ivan, +7 900</div>", folded);
    }

    [Theory]
    [InlineData("<div class=\"gmail_quote\">Only the quote</div>")]
    [InlineData("<blockquote>Only the quote</blockquote>")]
    [InlineData("<p>No history at all</p>")]
    public void SplitHtml_NothingToFoldOrNothingWouldStay_FoldsNothing(string html) =>
        Assert.Equal((html, null), QuotedHistory.SplitHtml(html));
}
