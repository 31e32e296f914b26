using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Admin;
using Otklik.Features.Customers;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class CreateTicket
{
    public sealed record CustomerInput(string? Email, string? Name);
    public sealed record MessageInput(string? Body, string? Html);
    public sealed record Request(
        string? Subject, CustomerInput? Customer, MessageInput? Message, string? Priority, string[]? Tags,
        long? AssigneeId, long? TeamId, long? InboxId, string? Channel, Dictionary<string, JsonElement>? CustomFields);

    /// <summary>The created ticket, and whether it was created earlier under the same idempotency key.</summary>
    public sealed record Created(TicketDetails Ticket, bool Replayed);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tickets", async (Request request, [FromHeader(Name = "Idempotency-Key")] string? key,
                Handler handler, HttpContext http, CancellationToken ct) =>
            (await handler.HandleAsync(request, http.Caller(), key, ct)).ToResult(created =>
            {
                if (created.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Created($"/api/v1/tickets/{created.Ticket.Id}", created.Ticket);
            }))
            .WithName("CreateTicket").WithSummary("Open a ticket on behalf of a customer")
            .Produces<TicketDetails>(StatusCodes.Status201Created).ProducesValidationProblem();

    public sealed class Handler(OtklikDb db, HtmlCleaner html, TimeProvider clock)
    {
        public async Task<Result<Created>> HandleAsync(Request r, Caller caller, string? idempotencyKey, CancellationToken ct)
        {
            var v = new Validation();
            v.Required("subject", r.Subject, TicketLimits.Subject);
            v.Required("customer.email", r.Customer?.Email, 254).Email("customer.email", r.Customer?.Email);
            v.MaxLength("customer.name", r.Customer?.Name, TicketLimits.Name);
            if (string.IsNullOrWhiteSpace(r.Message?.Body) && string.IsNullOrWhiteSpace(r.Message?.Html))
                v.Add("message.body", Validation.Say("'message.body' is required: a ticket starts with what the customer wrote.", "Нужен текст: обращение начинается с того, что написал клиент."));
            v.MaxLength("message.body", r.Message?.Body, TicketLimits.Body).MaxLength("message.html", r.Message?.Html, TicketLimits.Body);
            v.MaxLength("Idempotency-Key", idempotencyKey, 200);
            var priority = v.Enum<TicketPriority>("priority", r.Priority);
            var channel = v.Enum<ChannelKind>("channel", r.Channel);
            foreach (var tag in r.Tags ?? []) v.Required("tags", tag, TicketLimits.Tag);
            if (!v.IsValid) return v.ToError();

            var requestHash = idempotencyKey is null ? "" : Hash(r); // only compared when a key is given
            await using var connection = await db.HoldConnectionAsync(ct); // the lookups below and the save
            if (idempotencyKey is not null)
            {
                var earlier = await ReplayAsync(caller, idempotencyKey, requestHash, ct);
                if (earlier is { } replay) return replay;
            }

            // Whole microseconds, as PostgreSQL stores them: the response is built from memory and must match a later read.
            var utc = clock.GetUtcNow().UtcDateTime;
            var now = new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
            var assignee = r.AssigneeId is { } aid ? await db.Agents.AsTracking().FirstOrDefaultAsync(a => a.Id == aid && a.IsActive, ct) : null;
            if (r.AssigneeId is not null && assignee is null) v.Add("assigneeId", Validation.Say($"There is no active agent {r.AssigneeId}.", $"Нет активного сотрудника {r.AssigneeId}."));
            var team = r.TeamId is { } tid ? await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == tid, ct) : null;
            if (r.TeamId is not null && team is null) v.Add("teamId", Validation.Say($"There is no team {r.TeamId}.", $"Нет команды {r.TeamId}."));
            var inbox = r.InboxId is { } iid ? await db.Inboxes.FirstOrDefaultAsync(i => i.Id == iid, ct) : null;
            if (r.InboxId is not null && inbox is null) v.Add("inboxId", Validation.Say($"There is no inbox {r.InboxId}.", $"Нет канала {r.InboxId}."));
            var fields = new Dictionary<string, JsonElement>();
            await CustomFieldValues.ApplyAsync(db, r.CustomFields, fields, v, ct);
            if (!v.IsValid) return v.ToError();

            var customer = await CustomerDirectory.FindOrCreateByEmailAsync(db, r.Customer!.Email!, r.Customer.Name, now, ct);
            var ticket = Ticket.Open(r.Subject!, customer, channel ?? inbox?.Channel ?? ChannelKind.Api, inbox?.Id, caller.Actor, now);
            var (text, safeHtml) = Bodies(r.Message!, html);
            ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), text, safeHtml, now).AuthorCustomer = customer;
            if (priority is { } p) ticket.ChangePriority(p, caller.Actor, now);
            if (r.Tags is { Length: > 0 }) ticket.SetTags(r.Tags, caller.Actor, now);
            team ??= inbox?.DefaultTeamId is { } dt ? await db.Teams.AsTracking().FirstOrDefaultAsync(t => t.Id == dt, ct) : null;
            if (team is not null) ticket.MoveToTeam(team, caller.Actor, now);
            if (assignee is not null) ticket.Assign(assignee, caller.Actor, now);
            if (fields.Count > 0) ticket.CustomFields = JsonSerializer.Serialize(fields);
            db.Tickets.Add(ticket);
            if (idempotencyKey is not null)
                db.IdempotencyRecords.Add(new IdempotencyRecord { AgentId = caller.AgentId, Key = idempotencyKey, RequestHash = requestHash, Ticket = ticket, CreatedAt = now });

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                // Two retries raced; the other one won. Answer with its ticket.
                db.ChangeTracker.Clear();
                return await ReplayAsync(caller, idempotencyKey, requestHash, ct)
                       ?? throw new InvalidOperationException("Idempotent create failed without a stored record.");
            }
            // Everything the response shows is in memory: no need to read the new ticket back.
            return new Created(TicketQueries.ToDetails(ticket, []), false);
        }

        private async Task<Result<Created>?> ReplayAsync(Caller caller, string key, string hash, CancellationToken ct)
        {
            var record = await db.IdempotencyRecords.FirstOrDefaultAsync(x => x.AgentId == caller.AgentId && x.Key == key, ct);
            if (record is null) return null;
            if (record.RequestHash != hash)
                return new Error.Conflict("idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
            return new Created((await TicketQueries.DetailsAsync(db, caller with { Role = AgentRole.Admin }, record.TicketId, ct))!, true);
        }
    }

    public static (string Text, string? Html) Bodies(MessageInput m, HtmlCleaner cleaner)
    {
        if (!string.IsNullOrWhiteSpace(m.Html))
        {
            var safe = cleaner.Clean(m.Html);
            return (string.IsNullOrWhiteSpace(m.Body) ? HtmlCleaner.ToText(safe) : m.Body.Trim(), safe);
        }
        return (m.Body!.Trim(), null);
    }

    private static string Hash(Request r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(r))));
}
