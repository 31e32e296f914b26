using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Otklik.Channels.Chat;
using Otklik.Tests.Channels.Chat;
using Otklik.Tests.Channels.Email;
using Otklik.Tests.Features.WebForms;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Customers;

/// <summary>The chat app (real Kestrel for the widget's WebSocket) with the web forms' test settings too.</summary>
public abstract class OmnichannelApp(DbProvider provider) : ChatApp(provider)
{
    protected override IReadOnlyDictionary<string, string> Overrides =>
        base.Overrides.Concat(FormsKit.Settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
}

public sealed class SqliteOmnichannelApp() : OmnichannelApp(DbProvider.Sqlite);

public sealed class PostgresOmnichannelApp() : OmnichannelApp(DbProvider.Postgres);

/// <summary>One person, one profile: the same email or phone from any channel ends at one customer, typed details are marked.</summary>
public abstract class OneCustomerTests(OmnichannelApp f)
{
    [Fact]
    public async Task SameEmail_FromEmailChannel_WebForm_AndChatContact_EndsAtOneCustomer_WithOneHistory()
    {
        var email = AppFixture.Unique("ivan") + "@customer.test";
        var box = await f.CreateMailboxAsync();
        var piped = await (await f.PipeAsync(box, EmailTestKit.Mail($"Ivan <{email}>", box.Address, "Printer broken", "It does not print"))).ShouldBe(HttpStatusCode.Accepted);
        var byEmail = await f.GetTicketAsync((await piped.Json()).GetProperty("ticketId").GetInt64());
        var customerId = byEmail.GetProperty("customer").Id();
        Assert.Equal(JsonValueKind.Null, byEmail.GetProperty("unverifiedContact").ValueKind);
        var profile = await f.Admin.GetAsync($"/api/v1/customers/{customerId}").Json(HttpStatusCode.OK);
        Assert.True(profile.GetProperty("identities").EnumerateArray().Single(i => i.Str("value") == email).GetProperty("verified").GetBoolean());

        var (_, key) = await FormsKit.CreateFormAsync(f);
        var visitor = FormsKit.Visitor(f);
        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Иван", email = "  " + email.ToUpperInvariant(), message = "Принтер всё ещё не печатает", formToken = await FormsKit.AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var byForm = await f.GetTicketAsync(filed.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(customerId, byForm.GetProperty("customer").Id());
        Assert.Equal(email, byForm.Str("unverifiedContact"));

        var (widgetKey, _, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(widgetKey)).Str("token");
        await using var hub = await f.ConnectAsync(widgetKey, token);
        var sent = await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Я писал вам про принтер");
        await hub.InvokeAsync<VisitorContacts.Saved>("Contact", "Иван", email, null);
        var history = await f.Admin.GetAsync($"/api/v1/customers/{customerId}/history").Json(HttpStatusCode.OK);
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["chat", "webform", "email"], items.Select(i => i.Str("channel")));
        var chat = items[0];
        Assert.Equal(email, chat.Str("unverifiedContact"));
        var chatTicket = await f.GetTicketAsync(chat.Id());
        Assert.Equal(customerId, chatTicket.GetProperty("customer").Id());
        Assert.Contains(chatTicket.GetProperty("messages").EnumerateArray(), m => m.Id() == sent.Id);

        // The chat join is a merge with an audit entry: visible, and undoable by a supervisor if it was someone else.
        var merges = await f.Admin.GetAsync($"/api/v1/customers/{customerId}/merges").Json(HttpStatusCode.OK);
        var join = Assert.Single(merges.EnumerateArray());
        Assert.Equal("chat_contact", join.Str("reason"));
        Assert.Equal([chat.Id()], join.GetProperty("ticketIds").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(JsonValueKind.Null, join.GetProperty("mergedBy").ValueKind);
    }

    [Fact]
    public async Task PhoneWrittenDifferently_CallbackAndWebForm_LinkToOneCustomer()
    {
        var digits = Random.Shared.NextInt64(1_000_000, 9_999_999).ToString();
        var (_, key) = await FormsKit.CreateFormAsync(f, new { isEnabled = true, callbackEnabled = true, phoneField = "optional", emailField = "optional" });
        var visitor = FormsKit.Visitor(f);
        var zone = "Europe/Moscow";
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var call = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}/callback", new
        {
            name = "Светлана", phone = $"8 (916) {digits[..3]}-{digits[3..5]}-{digits[5..]}", date = tomorrow, from = "10:00", to = "12:00",
            timeZone = zone, formToken = await FormsKit.AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var first = await f.GetTicketAsync(call.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("unverifiedContact").ValueKind); // a new customer: nobody else's history

        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Светлана", phone = $"+7 916 {digits}", message = "Так и не дозвонились", formToken = await FormsKit.AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var second = await f.GetTicketAsync(filed.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(first.GetProperty("customer").Id(), second.GetProperty("customer").Id());
        Assert.Equal("+7916" + digits, second.Str("unverifiedContact"));
        var customer = await f.Admin.GetAsync($"/api/v1/customers/{second.GetProperty("customer").Id()}").Json(HttpStatusCode.OK);
        var phone = Assert.Single(customer.GetProperty("identities").EnumerateArray(), i => i.Str("kind") == "phone");
        Assert.Equal("+7916" + digits, phone.Str("value"));
        Assert.False(phone.GetProperty("verified").GetBoolean());
        var history = await f.Admin.GetAsync($"/api/v1/customers/{customer.Id()}/history").Json(HttpStatusCode.OK);
        Assert.Equal(["webform", "phone"], history.GetProperty("items").EnumerateArray().Select(i => i.Str("channel")));
    }

    [Fact]
    public async Task ChatContact_OfTwoKnownCustomers_NeverMergesThem()
    {
        var anna = (await f.CreateTicketAsync(email: AppFixture.Unique("anna") + "@customer.test")).GetProperty("customer");
        var boris = await f.Admin.PostAsJsonAsync("/api/v1/customers", new { name = "Boris", phone = "+7 916 " + Random.Shared.NextInt64(1_000_000, 9_999_999) })
            .Json(HttpStatusCode.Created);
        var borisPhone = boris.GetProperty("identities")[0].Str("value");
        var (widgetKey, _, _) = await f.CreateWidgetAsync();
        var token = (await f.SessionAsync(widgetKey)).Str("token");
        await using var hub = await f.ConnectAsync(widgetKey, token);
        await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), "Здравствуйте");
        await hub.InvokeAsync<VisitorContacts.Saved>("Contact", null, anna.Str("email"), borisPhone);
        var after = await f.Admin.GetAsync($"/api/v1/customers/{boris.Id()}").Json(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("mergedIntoId").ValueKind);
        Assert.Contains(after.GetProperty("identities").EnumerateArray(), i => i.Str("value") == borisPhone);
        var annaNow = await f.Admin.GetAsync($"/api/v1/customers/{anna.Id()}").Json(HttpStatusCode.OK);
        Assert.DoesNotContain(annaNow.GetProperty("identities").EnumerateArray(), i => i.Str("value") == borisPhone);
    }
}

public sealed class OneCustomerTests_Sqlite(SqliteOmnichannelApp f) : OneCustomerTests(f), IClassFixture<SqliteOmnichannelApp>;

public sealed class OneCustomerTests_Postgres(PostgresOmnichannelApp f) : OneCustomerTests(f), IClassFixture<PostgresOmnichannelApp>;
