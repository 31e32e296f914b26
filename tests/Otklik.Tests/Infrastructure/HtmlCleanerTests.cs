using Otklik.Infrastructure;
using Otklik.Tests.Channels.Email;

namespace Otklik.Tests.Infrastructure;

public sealed class HtmlCleanerTests
{
    private readonly HtmlCleaner _cleaner = new();

    [Fact]
    public void Clean_HostileMail_RemovesEverythingActive()
    {
        var html = _cleaner.Clean(MailCorpus.Parse("hostile-html.eml").Html!);

        foreach (var bad in new[] { "<script", "alert(", "onerror", "onload", "javascript:", "vbscript:", "<iframe", "<object", "<embed",
                     "<form", "<input", "<button", "<meta", "<base", "<style", "expression", "@import", "<svg", "evil.example" })
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.com/ok\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">this one</a>", html);
    }

    [Fact]
    public void Clean_InlineImages_KeepTheirSources()
    {
        var html = _cleaner.Clean("<img src=\"cid:image001.png@01D8A1B2.C3D4E5F0\"><img src=\"data:image/png;base64,iVBORw0KGgo=\">");

        Assert.Equal("<img src=\"cid:image001.png@01D8A1B2.C3D4E5F0\"><img src=\"data:image/png;base64,iVBORw0KGgo=\">", html);
    }

    [Theory]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">")]
    [InlineData("<img src=\"data:text/html,<script>alert(1)</script>\">")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" onerror=\"alert(1)\">")]
    [InlineData("<iframe src=\"data:image/png;base64,AAAA\"></iframe>")]
    [InlineData("<div style=\"background:url(data:image/png;base64,AAAA)\">x</div>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">")]
    [InlineData("<base href=\"https://evil.example/\">")]
    [InlineData("<style>body { background: url(https://evil.example/x) } @import 'https://evil.example/y.css';</style>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>")]
    [InlineData("<form action=\"https://evil.example/\"><input name=\"p\"></form>")]
    [InlineData("<object data=\"https://evil.example/x.swf\"></object>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")]
    public void Clean_HostileFragments_LeaveNothingActive(string input)
    {
        var html = _cleaner.Clean(input);

        foreach (var bad in new[] { "data:text", "data:image/svg", "javascript", "alert", "evil.example", "expression", "onerror", "<iframe", "<form", "<input", "<object", "<meta", "<base", "<style", "<script" })
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Clean_InlineStyles_KeepFormattingWithoutActiveParts()
    {
        var html = _cleaner.Clean("<p class=\"MsoNormal\" style=\"margin:0cm;font-size:11.0pt;font-family:'Calibri',sans-serif;background:url(https://t.example/p.gif)\">Здравствуйте</p>"
            + "<script style=\"color:red\">alert(1)</script><span style=\"behavior:url(x.htc)\">x</span>");

        Assert.Equal("<p style=\"margin: 0cm; font-size: 11.0pt; font-family: 'Calibri',sans-serif\">Здравствуйте</p><span>x</span>", html);
    }
}
