using Otklik.Domain;

namespace Otklik.Tests.Domain;

public sealed class NamesTests
{
    [Theory]
    [InlineData("on-hold", TicketStatus.OnHold)]
    [InlineData("ON_HOLD", TicketStatus.OnHold)]
    [InlineData("onhold", TicketStatus.OnHold)]
    [InlineData("Solved", TicketStatus.Solved)]
    public void TryParse_AcceptsWireNamesInAnyCase(string text, TicketStatus expected)
    {
        Assert.True(Names.TryParse<TicketStatus>(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("1")]
    [InlineData("99")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_RejectsUnknownNamesAndNumbers(string? text) =>
        Assert.False(Names.TryParse<TicketStatus>(text, out _));

    [Fact]
    public void Of_UsesKebabCaseForOnHold_AndLowerCaseOtherwise()
    {
        Assert.Equal("on-hold", Names.Of(TicketStatus.OnHold));
        Assert.Equal("urgent", Names.Of(TicketPriority.Urgent));
        Assert.Equal("webform", Names.Of(ChannelKind.WebForm));
    }

    [Fact]
    public void Of_RoundTripsEveryValue()
    {
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            Assert.True(Names.TryParse<TicketStatus>(Names.Of(status), out var back));
            Assert.Equal(status, back);
        }
    }

    [Fact]
    public void Allowed_ListsWireNames() =>
        Assert.Equal("new, open, pending, on-hold, solved, closed", Names.Allowed<TicketStatus>());
}
