using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class TicketTokenTests
{
    [Theory]
    [InlineData("Password reset [#1234]", 1234L)]
    [InlineData("Re: [#1042] Password reset", 1042L)]
    [InlineData("RE: [Otklik #77] Access", 77L)]
    [InlineData("[OTKLIK #9] upper case", 9L)]
    [InlineData("[Ticket#5] no space", 5L)]
    [InlineData("Ответ: [Заявка №12] Счёт", 12L)]
    [InlineData("[ #31 ] spaced", 31L)]
    [InlineData("Fwd: [#12] Re: [#345] Question", 345L)]
    [InlineData("Re: Re[2]: Fwd: [Otklik #8] AW: [#9] x", 9L)]
    public void Find_ReadsTheInnermostToken(string subject, long expected) =>
        Assert.Equal(expected, TicketToken.Find(subject));

    [Theory]
    [InlineData("Order #1234 not delivered")]
    [InlineData("[#abc] letters")]
    [InlineData("[#0] zero")]
    [InlineData("[#99999999999999999999] too long")]
    [InlineData("")]
    [InlineData("Re: [support] no number")]
    public void Find_NoToken_ReturnsNull(string subject) =>
        Assert.Null(TicketToken.Find(subject));

    [Fact]
    public void Add_AppendsTheTokenOnce()
    {
        var once = TicketToken.Add("Password reset", 1234);

        Assert.Equal("Password reset [#1234]", once);
        Assert.Equal(once, TicketToken.Add(once, 1234));
        Assert.Equal(1234, TicketToken.Find(once));
    }

    [Fact]
    public void Add_KeepsAnOwnTokenWrittenDifferently() =>
        Assert.Equal("Re: [Otklik #1234] Reset", TicketToken.Add("Re: [Otklik #1234] Reset", 1234));

    [Fact]
    public void Add_ReplacesTheTokenOfAnotherTicket() =>
        Assert.Equal("Re: Reset [#1300]", TicketToken.Add("Re: [#1234] Reset", 1300));

    [Fact]
    public void Add_EmptySubject_IsJustTheToken() =>
        Assert.Equal("[#5]", TicketToken.Add("", 5));

    [Theory]
    [InlineData("Re: Help", "Help")]
    [InlineData("RE: RE: Help", "Help")]
    [InlineData("Re[2]: Help", "Help")]
    [InlineData("Re(3): Help", "Help")]
    [InlineData("Fwd: FW: Fw: Help", "Help")]
    [InlineData("Ответ: Отв: Help", "Help")]
    [InlineData("Пересл: Re: Help", "Help")]
    [InlineData("AW: WG: Help", "Help")]
    [InlineData("  re :  Help", "Help")]
    [InlineData("Reply needed: Help", "Reply needed: Help")]
    [InlineData("Regarding: Help", "Regarding: Help")]
    [InlineData("Help: Re: stuck", "Help: Re: stuck")]
    [InlineData("[#12] Re: Help", "[#12] Re: Help")]
    public void StripReplyPrefixes_RemovesOnlyLeadingMarkers(string subject, string expected) =>
        Assert.Equal(expected, TicketToken.StripReplyPrefixes(subject));
}
