using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class ReadableTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\n\nTwo")]
    [InlineData("<div>One</div><div><br></div><div>Two</div>", "One\n\nTwo")]
    [InlineData("<p class=MsoNormal>One</p><p class=MsoNormal>Two</p>", "One\nTwo")]
    [InlineData("Line<br>break", "Line\nbreak")]
    [InlineData("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second")]
    [InlineData("<a href=\"https://x.example/a\">the page</a>", "the page (https://x.example/a)")]
    [InlineData("<a href=\"https://x.example/a\">https://x.example/a</a>", "https://x.example/a")]
    [InlineData("<a href=\"https://x.example/a\">x.example/a</a>", "x.example/a")]
    [InlineData("<a href=\"mailto:anna@x.example\">anna@x.example</a>", "anna@x.example")]
    [InlineData("<a href=\"https://x.example/\"><img src=a alt=\"Logo\"></a>", "Logo (https://x.example/)")]
    [InlineData("<p>Reply</p><blockquote><p>old</p><p>older</p></blockquote>", "Reply\n\n> old\n>\n> older")]
    [InlineData("<pre>a  b\n  c</pre>", "a  b\n  c")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a> <a href=\"vbscript:x\">vb</a>", "click vb")]
    [InlineData("<p>a&nbsp;&nbsp;b</p><script>alert(1)</script><style>p{}</style>", "a  b")]
    [InlineData("<table><tr><td>Name</td><td>Qty</td></tr><tr><td>Pen</td><td>2</td></tr></table>", "Name Qty\nPen 2")]
    [InlineData("  <p>\n   spaced \n  words  </p>", "spaced words")]
    public void FromHtml_IsReadable(string html, string expected) =>
        Assert.Equal(expected, ReadableText.FromHtml(html));
}
