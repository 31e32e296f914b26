using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Otklik.Tests.TestSupport;
using static Otklik.Tests.Features.WebForms.FormsKit;

namespace Otklik.Tests.Features.WebForms;

public abstract class WebFormTests(AppFixture f)
{
    private Task<int> TicketsInAsync(long inboxId) => DbAsync(f, db => db.Tickets.CountAsync(t => t.InboxId == inboxId));

    [Fact]
    public async Task Form_FilesWebFormTicket_WithCustomFields_ForTheExistingCustomer()
    {
        var email = AppFixture.Unique() + "@customer.test";
        var earlier = await f.CreateTicketAsync(email: email);
        var order = await CreateFieldAsync(f, "text");
        var topic = await CreateFieldAsync(f, "dropdown", ["Доставка", "Оплата"]);
        var (inboxId, key) = await CreateFormAsync(f, new { isEnabled = true, customFields = new[] { new { key = order, required = true }, new { key = topic, required = false } } });
        var visitor = Visitor(f);

        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Анна", email = email.ToUpperInvariant(), subject = "Где заказ?", message = "Заказ не пришёл.",
            customFields = new Dictionary<string, object> { [order] = "A-1042", [topic] = "Доставка" },
            formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);

        Assert.Equal("within 24 hours", filed.Str("expectedAnswer"));
        var ticket = await f.GetTicketAsync(filed.GetProperty("ticketNumber").GetInt64());
        Assert.Equal("webform", ticket.Str("channel"));
        Assert.Equal(inboxId, ticket.GetProperty("inboxId").GetInt64());
        Assert.Equal(earlier.GetProperty("customer").Id(), ticket.GetProperty("customer").Id());
        Assert.Equal("Где заказ?", ticket.Str("subject"));
        Assert.Equal("A-1042", ticket.GetProperty("customFields").Str(order));
        Assert.Equal("Доставка", ticket.GetProperty("customFields").Str(topic));
        var message = Assert.Single(ticket.GetProperty("messages").EnumerateArray());
        Assert.Equal("Заказ не пришёл.", message.Str("body"));
        Assert.Equal("customer", message.Str("authorKind"));
    }

    [Fact]
    public async Task HostedPage_InRussian_FilesTicketWithFile_AndShowsTheNumber()
    {
        var (inboxId, key) = await CreateFormAsync(f);
        var visitor = Visitor(f, "ru-RU,ru;q=0.9,en;q=0.5");
        var page = await (await visitor.GetAsync($"/form/{key}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains("Ваше имя", page);
        Assert.Contains("name=\"homepage\"", page);
        await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));

        var form = new MultipartFormDataContent
        {
            { new StringContent("Иван"), "name" }, { new StringContent(AppFixture.Unique() + "@customer.test"), "email" },
            { new StringContent("Не работает <b>кнопка</b>"), "message" }, { new StringContent(TokenIn(page)), "formToken" },
            { new StringContent(""), "homepage" },
        };
        var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files", "скрин.png");
        var done = await (await visitor.PostAsync($"/form/{key}", form).ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();

        Assert.Contains("Номер обращения", done);
        Assert.Contains("Ответим в течение 24 часов.", done);
        var number = long.Parse(System.Text.RegularExpressions.Regex.Match(done, "data-test=\"ticket-number\">(\\d+)<").Groups[1].Value);
        var ticket = await f.GetTicketAsync(number);
        Assert.Equal(inboxId, ticket.GetProperty("inboxId").GetInt64());
        var message = ticket.GetProperty("messages")[0];
        Assert.Equal("Не работает <b>кнопка</b>", message.Str("body"));
        Assert.Equal(JsonValueKindNull, message.GetProperty("html").ValueKind);
        Assert.Equal("скрин.png", message.GetProperty("attachments")[0].Str("fileName"));
        Assert.Equal("Не работает <b>кнопка</b>", ticket.Str("subject"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task HostedPage_RefusedForm_KeepsAnswers_AndShowsScriptAsText()
    {
        var (_, key) = await CreateFormAsync(f);
        var visitor = Visitor(f, "en-GB");
        var page = await (await visitor.GetAsync($"/form/{key}?lang=ru").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));
        var refused = await visitor.PostAsync($"/form/{key}?lang=ru", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "<script>alert(1)</script>", ["email"] = "not-an-address", ["message"] = "Помогите", ["formToken"] = TokenIn(page),
        })).ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", html);
        Assert.Contains("«not-an-address» — не адрес электронной почты.", WebUtility.HtmlDecode(html));
        Assert.Contains("Помогите</textarea>", html);
    }

    [Fact]
    public async Task Honeypot_AnswersLikeARealSubmission_ButFilesNothing()
    {
        var (inboxId, key) = await CreateFormAsync(f);
        var visitor = Visitor(f);
        async Task<System.Text.Json.JsonElement> SendAsync(string? homepage) => await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "Анна", email = AppFixture.Unique() + "@customer.test", message = "Где заказ?", homepage, formToken = await AgedTokenAsync(visitor, key),
        }).Json(HttpStatusCode.Created);
        var real = await SendAsync(null);
        var bot = await SendAsync("http://spam.test");

        // The same fields of the same kinds; the number is a fresh one after the real ticket's, as if filed.
        Assert.Equal(Shape(real), Shape(bot));
        var realNumber = real.GetProperty("ticketNumber").GetInt64();
        Assert.True(bot.GetProperty("ticketNumber").GetInt64() > realNumber, "The bot's number must look like the next ticket's.");
        Assert.Equal(real.Str("expectedAnswer"), bot.Str("expectedAnswer"));

        // The hosted page: the same page but for the number.
        async Task<string> PageAsync(string? homepage)
        {
            var page = await (await visitor.GetAsync($"/form/{key}")).Content.ReadAsStringAsync();
            await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));
            var posted = new Dictionary<string, string> { ["name"] = "Анна", ["email"] = "anna@customer.test", ["message"] = "Где заказ?", ["formToken"] = TokenIn(page) };
            if (homepage is not null) posted["homepage"] = homepage;
            return await (await visitor.PostAsync($"/form/{key}", new FormUrlEncodedContent(posted)).ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        }
        var realPage = await PageAsync(null);
        var botPage = await PageAsync("x");
        const string numbered = "data-test=\"ticket-number\">(\\d+)<";
        static string Number(string html) => System.Text.RegularExpressions.Regex.Match(html, numbered).Groups[1].Value;
        static string WithoutNumber(string html) => System.Text.RegularExpressions.Regex.Replace(html, numbered, "N");
        Assert.NotEqual("", Number(botPage));
        Assert.Equal(WithoutNumber(realPage), WithoutNumber(botPage));

        // Two real tickets, nothing of the bot's, and the bot's numbers are never given to a later real ticket.
        Assert.Equal(2, await TicketsInAsync(inboxId));
        var next = await SendAsync(null);
        Assert.NotEqual(bot.GetProperty("ticketNumber").GetInt64(), next.GetProperty("ticketNumber").GetInt64());
        Assert.NotEqual(long.Parse(Number(botPage)), next.GetProperty("ticketNumber").GetInt64());
    }

    private static string Shape(System.Text.Json.JsonElement e) =>
        string.Join(",", e.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));

    [Fact]
    public async Task TooFastSubmission_FilesNothing_AndTheSameFormGoesThroughOnTheSecondPress()
    {
        var (inboxId, key) = await CreateFormAsync(f);
        var visitor = Visitor(f);
        var token = await FreshTokenAsync(visitor, key);
        var body = new { name = "Fast", email = AppFixture.Unique() + "@customer.test", message = "Hello", formToken = token };
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", body).ValidationProblem("formToken");
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", body with { formToken = "forged" }).ValidationProblem("formToken");
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new { name = "No token", email = "x@customer.test", message = "Hello" }).ValidationProblem("formToken");
        Assert.Equal(0, await TicketsInAsync(inboxId));

        await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));
        await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", body).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await TicketsInAsync(inboxId));
    }

    [Fact]
    public async Task Validation_NamesEachBadField_InTheReadersLanguage()
    {
        var field = await CreateFieldAsync(f, "number");
        var (inboxId, key) = await CreateFormAsync(f, new { isEnabled = true, phoneField = "optional", customFields = new[] { new { key = field, required = true } } });
        var visitor = Visitor(f, "ru");
        var token = await AgedTokenAsync(visitor, key);
        var problem = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            email = "nobody@", phone = "12", subject = new string('s', 251), message = new string('m', 20_001), formToken = token,
            customFields = new Dictionary<string, object> { ["nonexistent"] = "x" },
        }).ValidationProblem("name");
        var errors = problem.GetProperty("errors");
        Assert.Equal("Заполните поле «Ваше имя».", errors.GetProperty("name")[0].GetString());
        Assert.Equal("«nobody@» — не адрес электронной почты.", errors.GetProperty("email")[0].GetString());
        Assert.StartsWith("«12» — не номер", errors.GetProperty("phone")[0].GetString());
        Assert.Equal("В поле «Тема» 251 знаков, а можно не больше 250.", errors.GetProperty("subject")[0].GetString());
        Assert.Contains("20001", errors.GetProperty("message")[0].GetString());
        Assert.True(errors.TryGetProperty("customFields.nonexistent", out _));
        Assert.True(errors.TryGetProperty("customFields." + field, out _));

        var english = Visitor(f);
        var wrongType = await english.PostAsJsonAsync($"/api/v1/forms/{key}", new
        {
            name = "A", email = "a@customer.test", message = "m", formToken = token, customFields = new Dictionary<string, object> { [field] = "many" },
        }).ValidationProblem("customFields." + field);
        Assert.Equal($"\"Label {field}\" takes a number.", wrongType.GetProperty("errors").GetProperty("customFields." + field)[0].GetString());
        Assert.Equal(0, await TicketsInAsync(inboxId));
    }

    [Fact]
    public async Task OversizedFile_IsRefusedByName_OnThePageAndTheApi()
    {
        var (inboxId, key) = await CreateFormAsync(f, new { isEnabled = true, maxFileBytes = 2048 });
        var visitor = Visitor(f, "ru");
        var page = await (await visitor.GetAsync($"/form/{key}")).Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromSeconds(FillSeconds + 0.2));
        MultipartFormDataContent Form(string token) => new()
        {
            { new StringContent("Иван"), "name" }, { new StringContent("ivan@customer.test"), "email" }, { new StringContent("Смотрите файл"), "message" },
            { new StringContent(token), "formToken" }, { new ByteArrayContent(new byte[5000]), "files", "большой.pdf" },
        };
        var html = await (await visitor.PostAsync($"/form/{key}", Form(TokenIn(page))).ShouldBe(HttpStatusCode.RequestEntityTooLarge)).Content.ReadAsStringAsync();
        Assert.Contains("Файл «большой.pdf» — 4,9 КБ, а принимаем файлы до 2 КБ.", WebUtility.HtmlDecode(html));
        Assert.Contains("Смотрите файл</textarea>", html);

        var problem = await visitor.PostAsync($"/api/v1/forms/{key}", Form(TokenIn(page))).ValidationProblem("files");
        Assert.Contains("большой.pdf", problem.GetProperty("errors").GetProperty("files")[0].GetString());
        Assert.Equal(0, await TicketsInAsync(inboxId));
    }

    [Fact]
    public async Task PhoneOnlyForm_FindsTheCustomerByPhone_HoweverItIsWritten()
    {
        var (_, key) = await CreateFormAsync(f, new { isEnabled = true, emailField = "off", phoneField = "required", subjectField = "off" });
        var visitor = Visitor(f);
        var token = await AgedTokenAsync(visitor, key);
        var digits = Random.Shared.NextInt64(100_000_0, 999_999_9).ToString();
        var first = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new { name = "Пётр", phone = $"8 (916) {digits[..3]}-{digits[3..5]}-{digits[5..]}", message = "Первое\nвторая строка", formToken = token })
            .Json(HttpStatusCode.Created);
        var second = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new { name = "Пётр", phone = $"+7 916 {digits}", message = "Второе", formToken = token })
            .Json(HttpStatusCode.Created);
        var a = await f.GetTicketAsync(first.GetProperty("ticketNumber").GetInt64());
        var b = await f.GetTicketAsync(second.GetProperty("ticketNumber").GetInt64());
        Assert.Equal(a.GetProperty("customer").Id(), b.GetProperty("customer").Id());
        Assert.Equal("Первое", a.Str("subject"));
        var customer = await f.Admin.GetAsync($"/api/v1/customers/{a.GetProperty("customer").Id()}").Json(HttpStatusCode.OK);
        Assert.Contains(customer.GetProperty("identities").EnumerateArray(), i => i.Str("value") == "+7916" + digits);
    }

    [Fact]
    public async Task DisabledForm_IsNotFound_AndOnlyAdminsChangeSettings()
    {
        var (inboxId, key) = await CreateFormAsync(f);
        await EnableAsync(f, inboxId, new { isEnabled = false });
        await Visitor(f).GetAsync($"/form/{key}").ShouldBe(HttpStatusCode.NotFound);
        await Visitor(f).GetAsync($"/api/v1/forms/{key}").Problem(HttpStatusCode.NotFound);
        await Visitor(f).GetAsync("/form/0123456789abcdef").ShouldBe(HttpStatusCode.NotFound);

        var (agent, _) = await f.CreateAgentAsync();
        await agent.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { isEnabled = true }).Problem(HttpStatusCode.Forbidden);
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { emailField = "off", phoneField = "off" }).ValidationProblem("emailField");
        await f.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/form", new { customFields = new[] { new { key = "no_such_field", required = true } } }).ValidationProblem("customFields");
    }

    [Fact]
    public async Task JsonRoutes_AnswerOtherSites_WithCorsButNoCredentials()
    {
        var (_, key) = await CreateFormAsync(f);
        var visitor = Visitor(f);
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/v1/forms/{key}");
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var answer = await visitor.SendAsync(preflight).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
        var definition = await visitor.GetAsync($"/api/v1/forms/{key}").ShouldBe(HttpStatusCode.OK);
        Assert.Equal("*", definition.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var body = await definition.Json();
        Assert.Equal("Contact us", body.Str("title")); // never the inbox's own name
        Assert.Equal(["name", "email", "subject", "message"], body.GetProperty("fields").EnumerateArray().Select(x => x.Str("name")));
    }

    [Fact]
    public async Task InboxWithMailbox_QueuesTheEmailAcknowledgment()
    {
        var address = AppFixture.Unique("help") + "@otklik.test";
        var mailbox = await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "Help", address, protocol = "none", smtpHost = "127.0.0.1", smtpPort = 9 })
            .Json(HttpStatusCode.Created);
        var key = await EnableAsync(f, mailbox.GetProperty("inboxId").GetInt64());
        var visitor = Visitor(f);
        var email = AppFixture.Unique() + "@customer.test";
        var filed = await visitor.PostAsJsonAsync($"/api/v1/forms/{key}", new { name = "Ольга", email, message = "Вопрос", formToken = await AgedTokenAsync(visitor, key) })
            .Json(HttpStatusCode.Created);
        Assert.Equal(email, filed.Str("emailCopyTo"));
        var number = filed.GetProperty("ticketNumber").GetInt64();
        var notices = await DbAsync(f, db => db.Outbox.Where(o => o.Type == "email.notice").Select(o => o.Payload).ToListAsync());
        Assert.Contains(notices, p => p.Contains($"\"TicketId\":{number},") && p.Contains("acknowledgment"));
    }
}

public sealed class WebFormTests_Sqlite(FormsSqliteApp f) : WebFormTests(f), IClassFixture<FormsSqliteApp>;

public sealed class WebFormTests_Postgres(FormsPostgresApp f) : WebFormTests(f), IClassFixture<FormsPostgresApp>;
