using Ganss.Xss;
using Otklik.Infrastructure;

namespace Otklik.Tests.Infrastructure;

public sealed class InlineStyleTests
{
    private static readonly ISet<string> Allowed = new HtmlSanitizer().AllowedCssProperties;

    [Theory]
    [InlineData("color:red", "color: red")]
    [InlineData("COLOR: #FF0000 ; margin:0cm 0cm 8pt", "color: #FF0000; margin: 0cm 0cm 8pt")]
    [InlineData("font-family: 'Calibri', \"Segoe UI\", sans-serif; font-size:11.0pt", "font-family: 'Calibri', \"Segoe UI\", sans-serif; font-size: 11.0pt")]
    [InlineData("color: rgb(31, 73, 125); background-color: rgba(0,0,0,0.5)", "color: rgb(31, 73, 125); background-color: rgba(0,0,0,0.5)")]
    [InlineData("font: 12px/1.5 Arial !important", "font: 12px/1.5 Arial !important")]
    [InlineData("font-family: \"a;b\"; color: red", "color: red")]
    public void Clean_PlainDeclarations_AreKept(string style, string expected) =>
        Assert.Equal(expected, InlineStyle.Clean(style, Allowed));

    [Theory]
    [InlineData("background: url(https://tracker.example/pixel.gif)")]
    [InlineData("background-image: URL( 'x.png' )")]
    [InlineData("width: expression(alert(1))")]
    [InlineData("width: ｅｘｐｒｅｓｓｉｏｎ(alert(1))")]
    [InlineData("color: re\\64")]
    [InlineData("color: red /* comment */")]
    [InlineData("behavior: url(x.htc)")]
    [InlineData("-moz-binding: url(x.xml#xss)")]
    [InlineData("font-family: 'unclosed")]
    [InlineData("color: <script>")]
    [InlineData("width: calc(100% - (1px))")]
    [InlineData("color: var(--x)")]
    [InlineData("content: attr(data-x)")]
    [InlineData("color")]
    [InlineData(":red")]
    public void Clean_UnsafeOrBroken_IsDropped(string style) =>
        Assert.Null(InlineStyle.Clean(style, Allowed));

    [Fact]
    public void Clean_MixedDeclarations_KeepsOnlyTheSafeOnes() =>
        Assert.Equal("color: red; margin: 0", InlineStyle.Clean("color: red; background: url(http://x/y); margin: 0; behavior: url(a)", Allowed));

    [Fact]
    public void Clean_HugeStyle_IsDropped() =>
        Assert.Null(InlineStyle.Clean("color: red;" + new string(' ', 5000), Allowed));
}
