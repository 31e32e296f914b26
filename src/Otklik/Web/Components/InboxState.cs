using Otklik.Data;
using Otklik.Features.Admin;

namespace Otklik.Web.Components;

/// <summary>
/// The ticket order the agent last saw in the inbox, kept per circuit, so j/k on a ticket
/// page walks the same list the agent came from.
/// </summary>
public sealed class InboxState
{
    public IReadOnlyList<long> TicketIds { get; set; } = [];

    public long? Neighbour(long current, int step)
    {
        var i = TicketIds.ToList().IndexOf(current);
        var j = i + step;
        return i >= 0 && j >= 0 && j < TicketIds.Count ? TicketIds[j] : null;
    }
}

/// <summary>What the pickers offer: agents, teams, tags and custom fields.</summary>
public sealed record Choices(
    IReadOnlyList<AgentAdmin.AgentDto> Agents, IReadOnlyList<TeamAdmin.TeamDto> Teams,
    IReadOnlyList<TagAdmin.TagDto> Tags, IReadOnlyList<CustomFieldAdmin.FieldDto> Fields)
{
    public static readonly Choices Empty = new([], [], [], []);

    public static async Task<Choices> LoadAsync(OtklikDb db, CancellationToken ct) => new(
        await AgentAdmin.ListAsync(db, ct), await TeamAdmin.ListAsync(db, ct),
        await TagAdmin.ListAsync(db, ct), (await CustomFieldAdmin.ListAsync(db, ct)).Where(f => f.IsActive).ToList());

    public string AgentName(long? id) => Agents.FirstOrDefault(a => a.Id == id)?.Name ?? $"#{id}";
    public string TeamName(long? id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? $"#{id}";
}
