using Otklik.Search;

namespace Otklik.Tests.Search;

public sealed class SnippetTests
{
    [Fact]
    public void Around_ShortText_IsReturnedWhole() =>
        Assert.Equal("Короткий текст", Snippet.Around("Короткий текст", ["текст"]));

    [Fact]
    public void Around_LongText_CentersOnAWordMatchingByStem()
    {
        var text = string.Join(' ', Enumerable.Repeat("вступление", 40)) + " мои заказы не доставлены " + string.Join(' ', Enumerable.Repeat("хвост", 40));
        var snippet = Snippet.Around(text, ["заказ"], width: 80);
        Assert.Contains("заказы", snippet);
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.True(snippet.Length <= 82, $"Snippet too long: {snippet.Length}");
    }

    [Fact]
    public void Around_NoMatch_StartsAtTheBeginning()
    {
        var text = new string('x', 50) + " " + string.Join(' ', Enumerable.Repeat("word", 100));
        var snippet = Snippet.Around(text, ["absent"], width: 60);
        Assert.StartsWith(new string('x', 50), snippet);
        Assert.EndsWith("…", snippet);
    }
}
