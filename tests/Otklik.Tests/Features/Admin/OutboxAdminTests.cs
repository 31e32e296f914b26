using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Admin;

public abstract class OutboxAdminTests(AppFixture f)
{
    private async Task<long> AddFailedRowAsync()
    {
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var now = DateTime.UtcNow;
        // A type no handler knows: if the retry makes the worker run it, it fails again instead of doing anything.
        var row = new OutboxMessage { Type = "test.unknown", Payload = "{}", CreatedAt = now, AvailableAt = now, Attempts = 10, LastError = "receiver said 500", FailedAt = now };
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    [Fact]
    public async Task FailedWork_IsListed_AndCanBeRetried()
    {
        var id = await AddFailedRowAsync();
        var failed = await f.Admin.GetAsync("/api/v1/outbox").Json(HttpStatusCode.OK);
        var item = failed.EnumerateArray().Single(x => x.Id() == id);
        Assert.Equal("receiver said 500", item.Str("lastError"));

        await f.Admin.PostAsync($"/api/v1/outbox/{id}/retry", null).ShouldBe(HttpStatusCode.NoContent);
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
        var row = await db.Outbox.SingleAsync(o => o.Id == id);
        Assert.True(row.FailedAt is null || row.Attempts < 10, "The retry should have queued the row again from the first attempt.");
        // Retrying something that is not failed is a 404, not a silent success.
        await f.Admin.PostAsync("/api/v1/outbox/987654321/retry", null).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outbox_IsForAdminsOnly_AndValidatesState()
    {
        var (agent, _) = await f.CreateAgentAsync("supervisor");
        await agent.GetAsync("/api/v1/outbox").Problem(HttpStatusCode.Forbidden);
        await f.Admin.GetAsync("/api/v1/outbox?state=bogus").ValidationProblem("state");
        await f.Admin.GetAsync("/api/v1/outbox?state=pending").ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class OutboxAdminTests_Sqlite(SqliteApp f) : OutboxAdminTests(f), IClassFixture<SqliteApp>;

public sealed class OutboxAdminTests_Postgres(PostgresApp f) : OutboxAdminTests(f), IClassFixture<PostgresApp>;
