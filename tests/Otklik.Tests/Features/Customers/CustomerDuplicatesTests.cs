using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Customers;

public abstract class CustomerDuplicatesTests(AppFixture f)
{
    private async Task<long> CustomerAsync(string name, string? email = null, string? phone = null) =>
        (await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name, email, phone }).Json(HttpStatusCode.Created)).Id();

    private async Task<Dictionary<long, string[]>> SuggestionsAsync(long id, HttpClient? client = null) =>
        (await (client ?? f.Admin).GetAsync($"/api/v1/customers/{id}/duplicates").Json(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(s => s.GetProperty("customer").Id(), s => s.GetProperty("reasons").EnumerateArray().Select(r => r.Str("code")).ToArray());

    [Fact]
    public async Task SameEmailOrPhone_InAnotherForm_IsSuggested_WithTheReason()
    {
        var login = AppFixture.Unique("ivan");
        var dotted = await CustomerAsync("Иван " + login, email: $"{login[..4]}.{login[4..]}+shop@gmail.com");
        var plain = await CustomerAsync("I. " + login, email: $"{login}@googlemail.com");
        var digits = Random.Shared.NextInt64(1_000_000, 9_999_999);
        var russian = await CustomerAsync("Ольга " + login, phone: $"+7 916 {digits}");
        var typo = await CustomerAsync("Olga " + login, phone: $"+8 916 {digits}"); // typed with 8 after the plus: another stored form
        var stranger = await CustomerAsync("Someone " + login, email: $"{login}x@gmail.com");

        var forDotted = await SuggestionsAsync(dotted);
        Assert.Equal(["same_email_other_form"], forDotted[plain]);
        Assert.DoesNotContain(stranger, forDotted.Keys);
        Assert.Equal(["same_phone_other_form"], (await SuggestionsAsync(russian))[typo]);
        var detail = (await f.Admin.GetAsync($"/api/v1/customers/{typo}/duplicates").Json(HttpStatusCode.OK))[0].GetProperty("reasons")[0].Str("detail");
        Assert.Contains($"+7916{digits}", detail);
    }

    [Fact]
    public async Task SameName_WithSameDomain_OrOtherChannels_IsSuggested_CommonNamesAloneAreNot()
    {
        var suffix = AppFixture.Unique("");
        var name = "Анна Смирнова " + suffix;
        var work = await CustomerAsync(name, email: $"anna{suffix}@firm-{suffix}.ru");
        var workToo = await CustomerAsync(name.ToUpperInvariant(), email: $"a.smirnova{suffix}@firm-{suffix}.ru");
        var yo = await CustomerAsync("Пётр Смирнов " + suffix, phone: "+7 916 " + Random.Shared.NextInt64(1_000_000, 9_999_999));
        var ye = await CustomerAsync("петр смирнов " + suffix, email: $"petr{suffix}@mail.ru");
        var caller = await CustomerAsync(name, phone: "+7 916 " + Random.Shared.NextInt64(1_000_000, 9_999_999));
        var otherGmail = await CustomerAsync(name, email: $"anna.s.{suffix}@gmail.com");

        var found = await SuggestionsAsync(work);
        Assert.Equal(["same_name_same_email_domain"], found[workToo]);
        Assert.Equal(["same_name_other_channel"], found[caller]);
        // Two different free-mail addresses under one common name: not enough to suggest.
        Assert.DoesNotContain(otherGmail, found.Keys);
        Assert.Equal(["same_name_other_channel"], (await SuggestionsAsync(yo))[ye]); // ё is е, case does not matter
    }

    [Fact]
    public async Task Dismissed_IsRemembered_FromBothSides()
    {
        var login = AppFixture.Unique("petr");
        var a = await CustomerAsync("Петр " + login, email: $"{login}@gmail.com");
        var b = await CustomerAsync("Пётр " + login, email: $"{login[..3]}.{login[3..]}@gmail.com");
        Assert.Contains(b, (await SuggestionsAsync(a)).Keys);
        var (agent, _) = await f.CreateAgentAsync();
        await agent.PostAsync($"/api/v1/customers/{a}/duplicates/{b}/dismiss", null).ShouldBe(HttpStatusCode.NoContent);
        await agent.PostAsync($"/api/v1/customers/{b}/duplicates/{a}/dismiss", null).ShouldBe(HttpStatusCode.NoContent); // again: still fine
        Assert.DoesNotContain(b, (await SuggestionsAsync(a)).Keys);
        Assert.DoesNotContain(a, (await SuggestionsAsync(b, agent)).Keys);
        await f.Admin.PostAsync($"/api/v1/customers/{a}/duplicates/987654321/dismiss", null).Problem(HttpStatusCode.NotFound);
        await f.Admin.GetAsync("/api/v1/customers/987654321/duplicates").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicates_WithoutToken_Return401()
    {
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/customers/1/duplicates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/customers/1/duplicates/2/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/customers/1/history")).StatusCode);
    }
}

public sealed class CustomerDuplicatesTests_Sqlite(SqliteApp f) : CustomerDuplicatesTests(f), IClassFixture<SqliteApp>;

public sealed class CustomerDuplicatesTests_Postgres(PostgresApp f) : CustomerDuplicatesTests(f), IClassFixture<PostgresApp>;
