using Otklik.Search;

namespace Otklik.Tests.Search;

public sealed class StemmingTests
{
    [Theory]
    [InlineData("заказы")]
    [InlineData("заказов")]
    [InlineData("заказа")]
    [InlineData("заказом")]
    public void Stem_RussianForms_MatchTheBaseWord(string form) =>
        Assert.Equal(Stemming.Stem("заказ"), Stemming.Stem(form));

    [Theory]
    [InlineData("refunds")]
    [InlineData("refunded")]
    [InlineData("refunding")]
    public void Stem_EnglishForms_MatchTheBaseWord(string form) =>
        Assert.Equal(Stemming.Stem("refund"), Stemming.Stem(form));

    [Fact]
    public void Stem_DifferentWords_StayDifferent() =>
        Assert.NotEqual(Stemming.Stem("заказ"), Stemming.Stem("доставка"));

    [Fact]
    public void Words_LowerCases_SplitsOnPunctuation_AndFoldsYo()
    {
        Assert.Equal(["мои", "заказы", "еще", "order", "42"], Stemming.Words("Мои ЗАКАЗЫ, ещё... Order #42!"));
    }

    [Fact]
    public void Stem_ShortWordsAndNumbers_StayAsTheyAre()
    {
        Assert.Equal("42", Stemming.Stem("42"));
        Assert.Equal("ab", Stemming.Stem("ab"));
        Assert.Equal("a1b2c3", Stemming.Stem("a1b2c3"));
    }

    [Fact]
    public void ToIndexText_JoinsStems()
    {
        Assert.Equal($"{Stemming.Stem("заказы")} {Stemming.Stem("refunds")}", Stemming.ToIndexText("Заказы; refunds"));
        Assert.Equal("", Stemming.ToIndexText(null));
    }
}
