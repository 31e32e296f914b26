using Otklik.Domain;

namespace Otklik.Tests.Domain;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+7 916 123-45-67", "+79161234567")]
    [InlineData("8 (916) 123-45-67", "+79161234567")]
    [InlineData("89161234567", "+79161234567")]
    [InlineData("79161234567", "+79161234567")]
    [InlineData("9161234567", "+79161234567")]
    [InlineData("(495) 123.45.67", "+74951234567")]
    [InlineData("8-800-555-35-35", "+78005553535")]
    [InlineData("+7 727 123 45 67", "+77271234567")] // Kazakhstan shares +7
    [InlineData("00 49 30 1234567", "+49301234567")]
    [InlineData("+375 29 123-45-67", "+375291234567")]
    [InlineData("+1 (212) 555-0100", "+12125550100")]
    [InlineData(" +7\u00A0916\u00A0123\u201145\u201167 ", "+79161234567")]
    public void Normalize_TurnsWhatPeopleTypeIntoE164(string typed, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, out var e164), typed);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123")]
    [InlineData("12345")] // a short internal extension
    [InlineData("916123456")] // nine digits: a digit is missing
    [InlineData("+7 916 123 45 678")] // twelve digits after +7
    [InlineData("+7 016 123 45 67")]
    [InlineData("+0 123 456 789")]
    [InlineData("+7 916 CALL-NOW")]
    [InlineData("+7 916 123 45 67 ext. 12")]
    [InlineData("+7 +916 1234567")]
    [InlineData("+1234567890123456")] // longer than E.164 allows
    [InlineData("<script>alert(1)</script>")]
    public void Normalize_RefusesWhatCannotBeDialled(string typed) =>
        Assert.False(PhoneNumber.TryNormalize(typed, out _), typed);

    [Fact]
    public void Display_GroupsRussianNumbers_AndLeavesOthersAsStored()
    {
        Assert.Equal("+7 916 123-45-67", PhoneNumber.Display("+79161234567"));
        Assert.Equal("+375291234567", PhoneNumber.Display("+375291234567"));
    }

    [Fact]
    public void CustomerIdentity_StoresPhonesInE164_SoEverySpellingIsOnePerson() =>
        Assert.Equal(CustomerIdentity.Normalize(IdentityKind.Phone, "8 (916) 123-45-67"), CustomerIdentity.Normalize(IdentityKind.Phone, "+7 916 1234567"));
}
