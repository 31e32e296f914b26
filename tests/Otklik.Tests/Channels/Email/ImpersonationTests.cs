using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class ImpersonationTests
{
    private static readonly string[] Agents = ["Anna Volkova", "Дмитрий Соколов", "Ivan"];
    private static readonly string[] Domains = ["otklik.example", "otklik-mail.example"];

    private static string? Check(string name, string address) =>
        Impersonation.Check(new MailAddress(address, name), "Otklik", Agents, Domains)?.Text(russian: false);

    [Theory]
    [InlineData("Otklik Support")]
    [InlineData("\u041Etklik Support")]            // Cyrillic О
    [InlineData("OTKLIK")]
    [InlineData("Otklík Billing")]                  // accent
    [InlineData("0tk1ik Support")]                  // digits for letters
    [InlineData("Οtklіk")]                          // Greek Ο and Cyrillic і
    [InlineData("OtklikSupport")]
    [InlineData("Support team | Otklik")]
    public void Check_NameImitatingTheCompany_GivesAReason(string name)
    {
        var reason = Check(name, "help@otklik-billing.top");

        Assert.NotNull(reason);
        Assert.Contains("Otklik", reason);
        Assert.Contains("help@otklik-billing.top", reason);
    }

    [Theory]
    [InlineData("Anna Volkova")]
    [InlineData("volkova anna")]
    [InlineData("Аnnа Vоlkоvа")]                    // Cyrillic а and о
    [InlineData("Дмитрий Соколов (via Gmail)")]
    public void Check_NameImitatingAnAgent_GivesAReason(string name) =>
        Assert.Contains("agent", Check(name, "someone@gmail.example"));

    [Fact]
    public void Check_NameShowingOurDomain_GivesAReason() =>
        Assert.Contains("otklik.example", Check("support@otklik.example", "x@evil.example"));

    [Theory]
    [InlineData("Otklik Support", "support@otklik.example")]
    [InlineData("Otklik Support", "robot@mail.otklik-mail.example")]
    [InlineData("Anna Volkova", "anna@OTKLIK.EXAMPLE")]
    public void Check_OurOwnAddress_IsFine(string name, string address) =>
        Assert.Null(Check(name, address));

    [Theory]
    [InlineData("Ivan Petrov")]                     // a single-word agent name matches too many people
    [InlineData("Anna Petrova")]
    [InlineData("Otklikov Sergey")]                 // the company name inside another word
    [InlineData("Kliko Shop")]
    [InlineData("")]
    public void Check_OrdinaryCustomers_AreFine(string name) =>
        Assert.Null(Check(name, "customer@example.com"));

    [Fact]
    public void Check_Warning_ReadsInRussianToo()
    {
        var warning = Impersonation.Check(new MailAddress("x@gmail.example", "Anna Volkova"), "Otklik", Agents, Domains)!;

        Assert.Equal(MailWarning.ImitatesAgent, warning.Code);
        Assert.Equal("имя отправителя выдаёт себя за сотрудника «Anna Volkova», но адрес — x@gmail.example", warning.Text(russian: true));
    }
}
