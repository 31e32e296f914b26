using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Customers;

/// <summary>The merge history of a customer as people read it: both profiles' names, who did it, what moved, whether it was undone.</summary>
public static class MergeAudit
{
    public sealed record Person(long Id, string Name);

    public sealed record Entry(
        long Id, Person Source, Person Target, string Reason, Person? MergedBy, DateTime MergedAt,
        Person? UndoneBy, DateTime? UndoneAt, IReadOnlyList<long> TicketIds, IReadOnlyList<string> Identities,
        int Participants, int Messages, int ChatVisitors)
    {
        public bool IsUndone => UndoneAt is not null;
    }

    public static async Task<List<Entry>> OfAsync(OtklikDb db, long customerId, CancellationToken ct)
    {
        var merges = await db.CustomerMerges.Where(m => m.SourceId == customerId || m.TargetId == customerId)
            .OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id).Take(100).ToListAsync(ct);
        if (merges.Count == 0) return [];
        var customerIds = merges.SelectMany(m => new[] { m.SourceId, m.TargetId }).Distinct().ToList();
        var names = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var agentIds = merges.SelectMany(m => new[] { m.MergedByAgentId, m.UndoneByAgentId }).OfType<long>().Distinct().ToList();
        var agents = await db.Agents.Where(a => agentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var moved = merges.ToDictionary(m => m.Id, CustomerMerger.Read);
        var identityIds = moved.Values.SelectMany(r => r.IdentityIds).ToList();
        var identities = await db.CustomerIdentities.Where(i => identityIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Value, ct);

        Person? AgentOf(long? id) => id is { } a ? new Person(a, agents.GetValueOrDefault(a, "#" + a)) : null;
        return merges.Select(m =>
        {
            var r = moved[m.Id];
            return new Entry(m.Id, new Person(m.SourceId, names.GetValueOrDefault(m.SourceId, "")), new Person(m.TargetId, names.GetValueOrDefault(m.TargetId, "")),
                m.Reason, AgentOf(m.MergedByAgentId), m.MergedAt, AgentOf(m.UndoneByAgentId), m.UndoneAt, r.TicketIds,
                r.IdentityIds.Select(id => identities.GetValueOrDefault(id, "#" + id)).ToList(), r.Participants.Count, r.MessageIds.Count, r.VisitorIds.Count);
        }).ToList();
    }
}
