using Otklik.Domain;

namespace Otklik.Tests.Domain;

public sealed class IdentityMatchTests
{
    [Theory]
    [InlineData("ivan.petrov+shop@gmail.com", "ivanpetrov@googlemail.com")]
    [InlineData("i.van.petrov@gmail.com", "ivanpetrov@gmail.com")]
    [InlineData("ivan-petrov@ya.ru", "ivan.petrov@yandex.ru")]
    [InlineData("anna+orders@firm.ru", "anna@firm.ru")]
    public void SameMailbox_WrittenDifferently_HasOneKey(string a, string b) =>
        Assert.Equal(IdentityMatch.KeyOf(IdentityKind.Email, a), IdentityMatch.KeyOf(IdentityKind.Email, b));

    [Theory]
    [InlineData("ivan.petrov@firm.ru", "ivanpetrov@firm.ru")] // dots matter outside Gmail
    [InlineData("ivan@gmail.com", "ivan@mail.ru")]
    public void DifferentMailboxes_KeepDifferentKeys(string a, string b) =>
        Assert.NotEqual(IdentityMatch.KeyOf(IdentityKind.Email, a), IdentityMatch.KeyOf(IdentityKind.Email, b));

    [Fact]
    public void Phones_MatchOnTheLastTenDigits_ChatIdsNever()
    {
        Assert.Equal("p:9161234567", IdentityMatch.KeyOf(IdentityKind.Phone, "+79161234567"));
        Assert.Equal("p:9161234567", IdentityMatch.KeyOf(IdentityKind.Phone, "+89161234567"));
        Assert.Null(IdentityMatch.KeyOf(IdentityKind.Phone, "+12345"));
        Assert.Null(IdentityMatch.KeyOf(IdentityKind.ChatVisitor, "abc123"));
    }

    [Fact]
    public void Identity_KeepsItsKey_InStepWithKindAndValue()
    {
        var identity = new CustomerIdentity { Kind = IdentityKind.Email, Value = "a.b@gmail.com" };
        Assert.Equal("e:ab@gmail.com", identity.MatchKey);
        identity.Value = "c@firm.ru";
        Assert.Equal("e:c@firm.ru", identity.MatchKey);
    }

    [Fact]
    public void Names_IgnoreCaseSpacesAndYo() =>
        Assert.Equal(IdentityMatch.NameKey("Пётр  Иванов"), IdentityMatch.NameKey(" петр иванов "));
}
