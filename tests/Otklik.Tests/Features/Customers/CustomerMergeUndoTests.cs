using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Features.Customers;

/// <summary>Merging with an audit entry, and undoing it exactly — or refusing with 409 when things changed since.</summary>
public abstract class CustomerMergeUndoTests(AppFixture f)
{
    private sealed record Snapshot(long Customer, long[] Participants);

    private async Task<Snapshot> StateAsync(long ticketId)
    {
        var t = await f.GetTicketAsync(ticketId);
        return new Snapshot(t.GetProperty("customer").Id(), t.GetProperty("participants").EnumerateArray().Select(p => p.Id()).Order().ToArray());
    }

    private async Task<string[]> IdentitiesAsync(long customerId) =>
        (await f.Admin.GetAsync($"/api/v1/customers/{customerId}").Json(HttpStatusCode.OK)).GetProperty("identities").EnumerateArray()
            .Select(i => i.Str("value")).Order().ToArray();

    /// <summary>
    /// Source has two tickets, is copied on one of the target's tickets (dropped on merge: the target asked it) and on a
    /// third customer's ticket (moved to the target).
    /// </summary>
    private async Task<(long Source, long Target, long[] Tickets)> ScenarioAsync()
    {
        var sourceEmail = AppFixture.Unique("src") + "@customer.test";
        var s1 = await f.CreateTicketAsync(email: sourceEmail);
        var s2 = await f.CreateTicketAsync(email: sourceEmail);
        var t1 = await f.CreateTicketAsync();
        var other = await f.CreateTicketAsync();
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{t1.Id()}/participants", new { email = sourceEmail }).ShouldBe(HttpStatusCode.NoContent);
        await f.Admin.PostAsJsonAsync($"/api/v1/tickets/{other.Id()}/participants", new { email = sourceEmail }).ShouldBe(HttpStatusCode.NoContent);
        var source = s1.GetProperty("customer").Id();
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{source}", new { addPhone = "+7 916 " + Random.Shared.NextInt64(1_000_000, 9_999_999) }).ShouldBe(HttpStatusCode.OK);
        return (source, t1.GetProperty("customer").Id(), [s1.Id(), s2.Id(), t1.Id(), other.Id()]);
    }

    [Fact]
    public async Task Merge_MovesTicketsIdentitiesParticipants_WritesAudit_AndUndoRestoresExactly()
    {
        var (source, target, tickets) = await ScenarioAsync();
        var (supervisor, supervisorId) = await f.CreateAgentAsync("supervisor");
        var before = await Task.WhenAll(tickets.Select(StateAsync));
        var (sourceIds, targetIds) = (await IdentitiesAsync(source), await IdentitiesAsync(target));

        var response = await supervisor.PostAsJsonAsync($"/api/v1/customers/{source}/merge", new { targetId = target }).ShouldBe(HttpStatusCode.OK);
        var survivor = await response.Json();
        Assert.Equal(target, survivor.Id());
        Assert.Equal(sourceIds.Concat(targetIds).Order().ToArray(), await IdentitiesAsync(target));
        Assert.Empty(await IdentitiesAsync(source));
        foreach (var id in tickets[..2]) Assert.Equal(target, (await StateAsync(id)).Customer);
        Assert.Empty((await StateAsync(tickets[2])).Participants); // the survivor asked it: no CC of itself
        Assert.Equal([target], (await StateAsync(tickets[3])).Participants);
        var history = await f.Admin.GetAsync($"/api/v1/customers/{target}/history").Json(HttpStatusCode.OK);
        Assert.Equal(tickets.Order(), history.GetProperty("items").EnumerateArray().Select(i => i.Id()).Order());

        var audit = Assert.Single((await f.Admin.GetAsync($"/api/v1/customers/{source}/merges").Json(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal($"/api/v1/customers/{target}/merges/{audit.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(supervisorId, audit.GetProperty("mergedBy").Id());
        Assert.Equal(source, audit.GetProperty("source").Id());
        Assert.Equal(target, audit.GetProperty("target").Id());
        Assert.Equal(tickets[..2].Order(), audit.GetProperty("ticketIds").EnumerateArray().Select(t => t.GetInt64()).Order());
        Assert.Equal(sourceIds, audit.GetProperty("identities").EnumerateArray().Select(i => i.GetString()!).Order().ToArray());
        Assert.Equal(2, audit.GetProperty("participants").GetInt32());
        var moved = await f.GetTicketAsync(tickets[0]);
        Assert.Contains(moved.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "changed" && e.Str("field") == "customer" && e.Str("note") == "customers merged");

        var undone = await supervisor.PostAsync($"/api/v1/customers/{target}/merges/{audit.Id()}/undo", null).Json(HttpStatusCode.OK);
        Assert.Equal(supervisorId, undone.GetProperty("undoneBy").Id());
        Assert.Equal(before, await Task.WhenAll(tickets.Select(StateAsync)), new SnapshotComparer());
        Assert.Equal(sourceIds, await IdentitiesAsync(source));
        Assert.Equal(targetIds, await IdentitiesAsync(target));
        var restored = await f.Admin.GetAsync($"/api/v1/customers/{source}").Json(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("mergedIntoId").ValueKind);
        Assert.Contains((await f.GetTicketAsync(tickets[0])).GetProperty("timeline").EnumerateArray(), e => e.Str("field") == "customer" && e.Str("note") == "customer merge undone");
        // New mail to the merged address now finds the restored customer again.
        Assert.Equal(source, (await f.CreateTicketAsync(email: (await IdentitiesAsync(source)).First(v => v.Contains('@')))).GetProperty("customer").Id());
        // Undone once is undone.
        Assert.Equal("already_undone", (await supervisor.PostAsync($"/api/v1/customers/{source}/merges/{audit.Id()}/undo", null).Problem(HttpStatusCode.Conflict)).Str("code"));
    }

    [Fact]
    public async Task Undo_AfterAConflictingChange_Returns409_AndChangesNothing()
    {
        var (source, target, tickets) = await ScenarioAsync();
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{source}/merge", new { targetId = target }).ShouldBe(HttpStatusCode.OK);
        var mergeId = (await f.Admin.GetAsync($"/api/v1/customers/{target}/merges").Json(HttpStatusCode.OK))[0].Id();
        // An agent removes one of the moved identities from the survivor: it can no longer go back exactly.
        var survivor = await f.Admin.GetAsync($"/api/v1/customers/{target}").Json(HttpStatusCode.OK);
        var phone = survivor.GetProperty("identities").EnumerateArray().First(i => i.Str("kind") == "phone");
        await f.Admin.PatchJsonAsync($"/api/v1/customers/{target}", new { removeIdentityId = phone.Id() }).ShouldBe(HttpStatusCode.OK);

        var problem = await f.Admin.PostAsync($"/api/v1/customers/{target}/merges/{mergeId}/undo", null).Problem(HttpStatusCode.Conflict);
        Assert.Equal("undo_conflict", problem.Str("code"));
        Assert.Contains($"identity {phone.Id()}", problem.Str("detail"));
        Assert.Equal(target, (await StateAsync(tickets[0])).Customer);
        var audit = (await f.Admin.GetAsync($"/api/v1/customers/{target}/merges").Json(HttpStatusCode.OK))[0];
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("undoneAt").ValueKind);
    }

    [Fact]
    public async Task Undo_WhenTheSurvivorWasMergedOnward_Returns409()
    {
        var a = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        var b = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        var c = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = b }).ShouldBe(HttpStatusCode.OK);
        var first = (await f.Admin.GetAsync($"/api/v1/customers/{a}/merges").Json(HttpStatusCode.OK))[0].Id();
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{b}/merge", new { targetId = c }).ShouldBe(HttpStatusCode.OK);
        var problem = await f.Admin.PostAsync($"/api/v1/customers/{a}/merges/{first}/undo", null).Problem(HttpStatusCode.Conflict);
        Assert.Contains($"merged into {c}", problem.Str("detail"));
        await f.Admin.PostAsync($"/api/v1/customers/{c}/merges/{first}/undo", null).Problem(HttpStatusCode.NotFound); // not c's merge
    }

    [Fact]
    public async Task MergeAndUndo_NeedSupervisor_403ForAgents_401Anonymous()
    {
        var (agent, _) = await f.CreateAgentAsync("agent");
        var a = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        var b = (await f.CreateTicketAsync()).GetProperty("customer").Id();
        await agent.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = b }).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Null((await f.Admin.GetAsync($"/api/v1/customers/{a}").Json(HttpStatusCode.OK)).GetProperty("mergedIntoId").GetInt64OrNull());
        await f.Admin.PostAsJsonAsync($"/api/v1/customers/{a}/merge", new { targetId = b }).ShouldBe(HttpStatusCode.OK);
        var mergeId = (await agent.GetAsync($"/api/v1/customers/{b}/merges").Json(HttpStatusCode.OK))[0].Id(); // agents may read the audit
        await agent.PostAsync($"/api/v1/customers/{b}/merges/{mergeId}/undo", null).ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = f.App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/customers/{b}/merges/{mergeId}/undo", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/customers/{b}/merges")).StatusCode);
        Assert.NotNull((await f.Admin.GetAsync($"/api/v1/customers/{a}").Json(HttpStatusCode.OK)).GetProperty("mergedIntoId").GetInt64OrNull());
    }

    private sealed class SnapshotComparer : IEqualityComparer<Snapshot>
    {
        public bool Equals(Snapshot? x, Snapshot? y) => x!.Customer == y!.Customer && x.Participants.SequenceEqual(y.Participants);
        public int GetHashCode(Snapshot s) => s.Customer.GetHashCode();
    }
}

internal static class JsonNulls
{
    public static long? GetInt64OrNull(this JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
}

public sealed class CustomerMergeUndoTests_Sqlite(SqliteApp f) : CustomerMergeUndoTests(f), IClassFixture<SqliteApp>;

public sealed class CustomerMergeUndoTests_Postgres(PostgresApp f) : CustomerMergeUndoTests(f), IClassFixture<PostgresApp>;
