using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Email;

public abstract class MailboxAdminTests(AppFixture f)
{
    [Fact]
    public async Task Create_StoresPasswordsEncrypted_AndNeverReturnsThem()
    {
        var address = AppFixture.Unique("help") + "@otklik.test";
        var created = await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new
        {
            name = "Help", address, protocol = "imap", inHost = "127.0.0.1", inSecurity = "tls", inUser = "help", inPassword = "imap-secret-1",
            smtpHost = "127.0.0.1", smtpPassword = "smtp-secret-2",
        }).ShouldBe(HttpStatusCode.Created);
        var text = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("imap-secret-1", text);
        Assert.DoesNotContain("smtp-secret-2", text);
        var dto = await created.Json();
        Assert.True(dto.GetProperty("hasInPassword").GetBoolean());
        Assert.Equal(993, dto.GetProperty("inPort").GetInt32()); // the usual port for IMAP over TLS
        Assert.Equal("email", (await f.Admin.GetAsync("/api/v1/inboxes").Json(HttpStatusCode.OK)).EnumerateArray()
            .Single(i => i.GetProperty("id").GetInt64() == dto.GetProperty("inboxId").GetInt64()).Str("channel"));

        using var scope = f.App.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<OtklikDb>().Mailboxes.SingleAsync(b => b.Id == dto.Id());
        Assert.DoesNotContain("imap-secret-1", row.InPasswordProtected);
        // A change without a password keeps the stored one.
        var changed = await f.Admin.PatchJsonAsync($"/api/v1/admin/mailboxes/{dto.Id()}", new { pollSeconds = 30 }).Json(HttpStatusCode.OK);
        Assert.True(changed.GetProperty("hasInPassword").GetBoolean());
        Assert.Equal(30, changed.GetProperty("pollSeconds").GetInt32());
    }

    [Fact]
    public async Task Create_Validates_WithClearMessages()
    {
        await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "x", address = "not-an-address" }).ValidationProblem("address");
        await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "x", address = "a@b.test", protocol = "imap" }).ValidationProblem("inHost");
        await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "x", address = "a@b.test", protocol = "fax" }).ValidationProblem("protocol");
        await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "x", address = "a@b.test", pollSeconds = 1 }).ValidationProblem("pollSeconds");
        var box = await f.CreateMailboxAsync();
        await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "dup", address = box.Address.ToUpperInvariant() }).ValidationProblem("address");
    }

    [Fact]
    public async Task DefaultTeam_ZeroClearsIt()
    {
        var box = await f.CreateMailboxAsync();
        var team = await f.CreateTeamAsync();
        var set = await f.Admin.PatchJsonAsync($"/api/v1/admin/mailboxes/{box.Id}", new { defaultTeamId = team }).Json(HttpStatusCode.OK);
        Assert.Equal(team, set.GetProperty("defaultTeamId").GetInt64());
        // The workspace form sends 0 for "no team"; that is not a team that must exist.
        var cleared = await f.Admin.PatchJsonAsync($"/api/v1/admin/mailboxes/{box.Id}", new { defaultTeamId = 0 }).Json(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("defaultTeamId").ValueKind);
    }

    [Fact]
    public async Task Mailboxes_AreForAdminsOnly()
    {
        var (supervisor, _) = await f.CreateAgentAsync("supervisor");
        await supervisor.GetAsync("/api/v1/admin/mailboxes").Problem(HttpStatusCode.Forbidden);
        await supervisor.PostAsJsonAsync("/api/v1/admin/mailboxes", new { name = "x", address = "a@b.test" }).Problem(HttpStatusCode.Forbidden);
        await f.App.Anonymous().GetAsync("/api/v1/admin/mailboxes").Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TestConnection_ExplainsWhatFails()
    {
        var result = await f.Admin.PostAsJsonAsync("/api/v1/admin/mailboxes/test", new
        {
            address = "a@b.test", protocol = "imap", inHost = "127.0.0.1", inPort = 9, inSecurity = "none", smtpHost = "127.0.0.1", smtpPort = 9,
        }).Json(HttpStatusCode.OK);
        Assert.False(result.GetProperty("inbound").GetProperty("ok").GetBoolean());
        Assert.Contains("connect", result.GetProperty("inbound").Str("message"), StringComparison.OrdinalIgnoreCase);
        Assert.False(result.GetProperty("outbound").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task PipeSecret_CanBeRenewed_AndTheOldOneStopsWorking()
    {
        var box = await f.CreateMailboxAsync();
        var renewed = await f.Admin.PostAsync($"/api/v1/admin/mailboxes/{box.Id}/pipe-secret", null).Json(HttpStatusCode.OK);
        Assert.NotEqual(box.Secret, renewed.Str("pipeSecret"));
        await f.PipeAsync(box, EmailTestKit.Mail("x@customer.test", box.Address, "s", "b")).Problem(HttpStatusCode.Unauthorized);
    }
}

public sealed class MailboxAdminTests_Sqlite(SqliteApp f) : MailboxAdminTests(f), IClassFixture<SqliteApp>;

public sealed class MailboxAdminTests_Postgres(PostgresApp f) : MailboxAdminTests(f), IClassFixture<PostgresApp>;
