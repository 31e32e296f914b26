using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Tests.Infrastructure;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("ivan@example.com")]
    [InlineData("a.b+tag@mail.co.uk")]
    public void Email_AcceptsAddresses(string email) => Assert.True(new Validation().Email("email", email).IsValid);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.com")]
    [InlineData("ivan@")]
    [InlineData("ivan@localhost")]
    [InlineData("iv an@example.com")]
    [InlineData("a@b@example.com")]
    public void Email_RejectsNonAddresses(string email) => Assert.False(new Validation().Email("email", email).IsValid);

    [Fact]
    public void Required_RejectsBlank_AndMaxLengthNamesTheLimit()
    {
        var v = new Validation().Required("subject", "  ", 10).Required("name", new string('a', 11), 10);
        var error = v.ToError();
        Assert.Contains("required", error.Fields["subject"][0]);
        Assert.Contains("limit is 10", error.Fields["name"][0]);
    }

    [Fact]
    public void Enum_UnknownValue_ListsAllowedValues()
    {
        var v = new Validation();
        Assert.Null(v.Enum<TicketStatus>("status", "bogus"));
        Assert.Contains("on-hold", v.ToError().Fields["status"][0]);
        Assert.Equal(TicketStatus.Pending, new Validation().Enum<TicketStatus>("status", "pending"));
    }

    [Fact]
    public void NoRules_IsValid_AndErrorsAccumulatePerField()
    {
        Assert.True(new Validation().IsValid);
        var v = new Validation().Add("f", "one").Add("f", "two");
        Assert.False(v.IsValid);
        Assert.Equal(["one", "two"], v.ToError().Fields["f"]);
    }
}
