using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Email;

/// <summary>Admin routes for email inboxes: list with live status, create, change, test the connection, renew the pipe secret.</summary>
public static class MailboxAdmin
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/mailboxes").RequireAuthorization(Policies.Admin).WithTags("Email");
        admin.MapGet("", async (Handler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct))).WithName("ListMailboxes");
        admin.MapGet("/{id:long}", async (long id, Handler h, CancellationToken ct) =>
            await h.GetAsync(id, ct) is { } dto ? Results.Ok(dto) : new Error.NotFound($"Mailbox {id}").ToProblem()).WithName("GetMailbox");
        admin.MapPost("", async (MailboxRequest r, MailboxSettings settings, Handler h, CancellationToken ct) =>
                await RespondAsync(await settings.SaveAsync(null, r, ct), h, dto => Results.Created($"/api/v1/admin/mailboxes/{dto.Id}", dto), ct))
            .WithName("CreateMailbox").ProducesValidationProblem();
        admin.MapPatch("/{id:long}", async (long id, MailboxRequest r, MailboxSettings settings, Handler h, CancellationToken ct) =>
                await RespondAsync(await settings.SaveAsync(id, r, ct), h, Results.Ok, ct))
            .WithName("UpdateMailbox").ProducesValidationProblem();
        admin.MapPost("/test", async (MailboxRequest r, long? id, MailboxTester tester, CancellationToken ct) =>
                (await tester.TestAsync(id, r, ct)).ToResult(TypedResults.Ok))
            .WithName("TestMailbox").WithSummary("Try the inbound and outbound servers with these settings (stored passwords are used when none is given)");
        admin.MapPost("/{id:long}/pipe-secret", async (long id, MailboxSettings settings, Handler h, CancellationToken ct) =>
                await RespondAsync(await settings.RenewPipeSecretAsync(id, ct), h, Results.Ok, ct))
            .WithName("RenewPipeSecret");
    }

    private static async Task<IResult> RespondAsync(Result<long> saved, Handler h, Func<MailboxDto, IResult> ok, CancellationToken ct) =>
        saved.IsOk ? ok((await h.GetAsync(saved.Value, ct))!) : saved.Error!.ToProblem();

    public sealed class Handler(OtklikDb db, MailConnections connections, TimeProvider clock)
    {
        public async Task<List<MailboxDto>> ListAsync(CancellationToken ct)
        {
            var boxes = await db.Mailboxes.Include(b => b.Inbox).OrderBy(b => b.Address).ToListAsync(ct);
            var quarantined = await db.InboundEmails.Where(x => x.Status == InboundEmailStatus.Quarantined)
                .GroupBy(x => x.InboxId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            return boxes.Select(b => b.ToDto(b.Inbox!, connections, now, quarantined.GetValueOrDefault(b.InboxId))).ToList();
        }

        public async Task<MailboxDto?> GetAsync(long id, CancellationToken ct)
        {
            var box = await db.Mailboxes.Include(b => b.Inbox).FirstOrDefaultAsync(b => b.Id == id, ct);
            if (box is null) return null;
            var quarantined = await db.InboundEmails.CountAsync(x => x.InboxId == box.InboxId && x.Status == InboundEmailStatus.Quarantined, ct);
            return box.ToDto(box.Inbox!, connections, clock.GetUtcNow().UtcDateTime, quarantined);
        }
    }
}
