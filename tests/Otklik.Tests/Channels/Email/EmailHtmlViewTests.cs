using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class EmailHtmlViewTests
{
    private static readonly Dictionary<string, string> Inline = new() { ["logo@x"] = "/api/v1/attachments/7/content" };

    [Fact]
    public void Render_CidImage_PointsAtTheAttachmentUrl()
    {
        var (html, blocked) = EmailHtmlView.Render("<p>Hi</p><img src=\"cid:logo@x\" alt=\"logo\">", Inline, allowRemote: false);

        Assert.Equal("<p>Hi</p><img src=\"/api/v1/attachments/7/content\" alt=\"logo\">", html);
        Assert.False(blocked);
    }

    [Fact]
    public void Render_CidInAnyCaseOrWithBrackets_IsFound() =>
        Assert.Contains("/api/v1/attachments/7/content", EmailHtmlView.Render("<img src=\"CID:%3CLOGO@X%3E\">", Inline, false).Html);

    [Fact]
    public void Render_UnknownCid_LosesItsSource() =>
        Assert.Equal("<img alt=\"a\">", EmailHtmlView.Render("<img src=\"cid:missing@x\" alt=\"a\">", Inline, false).Html);

    [Theory]
    [InlineData("<img src=\"https://tracker.example/p.gif\">", "<img>")]
    [InlineData("<img src=\"http://tracker.example/p.gif\">", "<img>")]
    [InlineData("<img src=\"//tracker.example/p.gif\">", "<img>")]
    [InlineData("<img srcset=\"https://a.example/1.png 1x, https://a.example/2.png 2x\">", "<img>")]
    [InlineData("<table background=\"https://a.example/bg.png\"><tbody><tr><td>x</td></tr></tbody></table>", "<table><tbody><tr><td>x</td></tr></tbody></table>")]
    [InlineData("<div style=\"color: red; background-image: url('https://a.example/bg.png')\">x</div>", "<div style=\"color: red; background-image: none\">x</div>")]
    [InlineData("<div style=\"background: url(//a.example/bg.png) no-repeat\">x</div>", "<div style=\"background: none no-repeat\">x</div>")]
    public void Render_RemoteImages_AreBlockedAndReported(string input, string expected)
    {
        var (html, blocked) = EmailHtmlView.Render(input, Inline, allowRemote: false);

        Assert.Equal(expected, html);
        Assert.True(blocked);
    }

    [Fact]
    public void Render_RemoteImagesAllowed_AreKept()
    {
        var input = "<img src=\"https://a.example/x.png\"><div style=\"background: url(https://a.example/bg.png)\">x</div>";

        var (html, blocked) = EmailHtmlView.Render(input, Inline, allowRemote: true);

        Assert.Equal(input, html);
        Assert.False(blocked);
    }

    [Fact]
    public void Render_DataImagesAndLinks_AreNotRemote()
    {
        var input = "<a href=\"https://example.com/\">link</a><img src=\"data:image/png;base64,iVBORw0KGgo=\">";

        Assert.Equal((input, false), EmailHtmlView.Render(input, Inline, allowRemote: false));
    }

    [Fact]
    public void Render_StyleElementWithRemoteImport_IsBlocked()
    {
        var (html, blocked) = EmailHtmlView.Render("<style>@import url(https://a.example/x.css); p { background: url(https://a.example/p.png) }</style><p>x</p>", Inline, false);

        Assert.True(blocked);
        Assert.DoesNotContain("a.example", html);
    }
}
