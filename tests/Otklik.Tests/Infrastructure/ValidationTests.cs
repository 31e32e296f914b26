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
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
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

    [Fact]
    public void Messages_FollowTheReadersLanguage()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ru");
        var error = new Validation().Required("subject", "", 10).Email("email", "nope").ToError();
        Assert.Equal("Поле «subject» обязательно.", error.Fields["subject"][0]);
        Assert.Contains("не адрес электронной почты", error.Fields["email"][0]);
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        Assert.Equal("'subject' is required.", new Validation().Required("subject", "", 10).ToError().Fields["subject"][0]);
    }
}

/// <summary>API clients get English unless they ask for Russian; the workspace is Russian by default.</summary>
public abstract class ValidationLanguageTests(Otklik.Tests.TestSupport.AppFixture f)
{
    [Fact]
    public async Task Api_AnswersInTheLanguageAsked()
    {
        var english = await Otklik.Tests.TestSupport.Http.ValidationProblem(
            System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(f.Admin, "/api/v1/tickets", new { subject = "" }), "subject");
        Assert.Equal("'subject' is required.", english.GetProperty("errors").GetProperty("subject")[0].GetString());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = System.Net.Http.Json.JsonContent.Create(new { subject = "" }) };
        request.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9");
        var russian = await Otklik.Tests.TestSupport.Http.ValidationProblem(f.Admin.SendAsync(request), "subject");
        Assert.Equal("Поле «subject» обязательно.", russian.GetProperty("errors").GetProperty("subject")[0].GetString());
    }
}

public sealed class ValidationLanguageTests_Sqlite(Otklik.Tests.TestSupport.SqliteApp f) : ValidationLanguageTests(f), IClassFixture<Otklik.Tests.TestSupport.SqliteApp>;
