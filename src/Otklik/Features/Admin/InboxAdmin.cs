using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Admin;

/// <summary>Inboxes: one configured channel each. Channel-specific settings arrive with each channel.</summary>
public static class InboxAdmin
{
    public sealed record InboxDto(long Id, string Name, string Channel, string? Address, long? DefaultTeamId, bool IsActive);
    public sealed record InboxRequest(string? Name, string? Channel, string? Address, long? DefaultTeamId, bool? IsActive);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/inboxes", async (OtklikDb db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, ct))).WithName("ListInboxes");
        api.MapPost("/inboxes", async (InboxRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(null, r, db, clock, ct)).ToResult(d => TypedResults.Created($"/api/v1/inboxes/{d.Id}", d)))
            .RequireAuthorization(Policies.Admin).WithName("CreateInbox").ProducesValidationProblem();
        api.MapPut("/inboxes/{id:long}", async (long id, InboxRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct) =>
                (await SaveAsync(id, r, db, clock, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithName("UpdateInbox").ProducesValidationProblem();
    }

    public static async Task<List<InboxDto>> ListAsync(OtklikDb db, CancellationToken ct) =>
        await db.Inboxes.OrderBy(i => i.Name).Select(i => new InboxDto(i.Id, i.Name, i.Channel.ToString().ToLower(), i.Address, i.DefaultTeamId, i.IsActive)).ToListAsync(ct);

    public static async Task<Result<InboxDto>> SaveAsync(long? id, InboxRequest r, OtklikDb db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("name", r.Name, 100).MaxLength("address", r.Address, 320);
        var channel = v.Enum<ChannelKind>("channel", r.Channel ?? "");
        if (r.DefaultTeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct)) v.Add("defaultTeamId", Validation.Say($"There is no team {team}.", $"Нет команды {team}."));
        if (!v.IsValid) return v.ToError();
        var inbox = id is null ? new Inbox { Name = r.Name!, CreatedAt = clock.GetUtcNow().UtcDateTime } : await db.Inboxes.AsTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inbox is null) return new Error.NotFound($"Inbox {id}");
        inbox.Name = r.Name!.Trim();
        inbox.Channel = channel!.Value;
        inbox.Address = r.Address;
        inbox.DefaultTeamId = r.DefaultTeamId;
        inbox.IsActive = r.IsActive ?? inbox.IsActive;
        if (id is null) db.Inboxes.Add(inbox);
        await db.SaveChangesAsync(ct);
        var dto = new InboxDto(inbox.Id, inbox.Name, Names.Of(inbox.Channel), inbox.Address, inbox.DefaultTeamId, inbox.IsActive);
        return dto;
    }
}
