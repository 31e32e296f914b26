using Microsoft.EntityFrameworkCore;
using Otklik.Channels;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

public static class AddMessage
{
    /// <summary>
    /// from: "agent" (default) for a reply or note by the caller, "customer" for an
    /// integration relaying what the customer wrote. status: set after sending, e.g. "pending".
    /// </summary>
    public sealed record Request(string? Body, string? Html, bool Internal, string? From, string? Status, long[]? AttachmentIds = null);

    public sealed record Added(long TicketId, MessageDto Message, string TicketStatus, bool FollowUpCreated);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tickets/{id:long}/messages", async (long id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, http.Caller(), ct)).ToResult(a =>
                    TypedResults.Created($"/api/v1/tickets/{a.TicketId}", a)))
            .WithName("AddMessage").WithSummary("Reply to the customer, add an internal note, or relay a customer message")
            .Produces<Added>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public sealed class Handler(OtklikDb db, HtmlCleaner html, TimeProvider clock)
    {
        /// <summary>
        /// A message is added to the ticket as it is when it is saved: if someone changed the ticket meanwhile (a colleague,
        /// routing, the customer writing), the message is applied again to the new version instead of failing.
        /// </summary>
        public Task<Result<Added>> HandleAsync(long id, Request r, Caller caller, CancellationToken ct) =>
            VersionConflicts.RetryAsync(db, () => AttemptAsync(id, r, caller, ct), ct);

        private async Task<Result<Added>> AttemptAsync(long id, Request r, Caller caller, CancellationToken ct)
        {
            var v = new Validation();
            var attachmentIds = (r.AttachmentIds ?? []).Distinct().ToList();
            if (string.IsNullOrWhiteSpace(r.Body) && string.IsNullOrWhiteSpace(r.Html) && attachmentIds.Count == 0) v.Add("body", Validation.Say("'body' is required.", "Напишите текст сообщения."));
            if (attachmentIds.Count > 20) v.Add("attachmentIds", Validation.Say("At most 20 files per message.", "Не больше 20 файлов в одном сообщении."));
            v.MaxLength("body", r.Body, TicketLimits.Body).MaxLength("html", r.Html, TicketLimits.Body);
            var fromCustomer = string.Equals(r.From, "customer", StringComparison.OrdinalIgnoreCase);
            if (r.From is not null && !fromCustomer && !string.Equals(r.From, "agent", StringComparison.OrdinalIgnoreCase))
                v.Add("from", Validation.Say("'from' is 'agent' or 'customer'.", "«from» — это «agent» или «customer»."));
            if (fromCustomer && r.Internal) v.Add("internal", Validation.Say("A customer cannot write an internal note.", "Клиент не может писать внутренние заметки."));
            if (fromCustomer && r.Status is not null) v.Add("status", "A customer message sets the status by the lifecycle rules; 'status' is for agent replies.");
            var status = v.Enum<TicketStatus>("status", r.Status);
            // Only the caller's own uploads that are not on a message yet.
            var files = attachmentIds.Count == 0 ? [] : await db.Attachments.AsTracking()
                .Where(a => attachmentIds.Contains(a.Id) && a.MessageId == null && a.UploadedByAgentId == caller.AgentId).ToListAsync(ct);
            if (files.Count != attachmentIds.Count) v.Add("attachmentIds", Validation.Say("Some files are unknown, not yours, or already sent.", "Некоторые файлы не найдены, загружены не вами или уже отправлены."));
            if (!v.IsValid) return v.ToError();

            var ticket = await db.Tickets.AsTracking().VisibleTo(db, caller).Include(t => t.Customer).Include(t => t.Tags)
                .FirstOrDefaultAsync(t => t.Id == id, ct);
            if (ticket is null) return new Error.NotFound($"Ticket {id}");
            if (ticket.MergedIntoId is { } survivor)
                return new Error.Conflict("ticket_merged", $"Ticket #{id} was merged into #{survivor}; write there.");

            var now = clock.GetUtcNow().UtcDateTime;
            var (text, safeHtml) = string.IsNullOrWhiteSpace(r.Body) && string.IsNullOrWhiteSpace(r.Html)
                ? ("", null) : CreateTicket.Bodies(new CreateTicket.MessageInput(r.Body, r.Html), html);
            Message message;
            var target = ticket;
            if (fromCustomer)
            {
                (target, message) = CustomerReplies.Receive(db, ticket, ticket.Customer!, text, safeHtml, now);
            }
            else
            {
                if (ticket.IsClosed && !r.Internal)
                    return new Error.Conflict("ticket_closed", $"Ticket #{id} is closed; open a new ticket to write to the customer again.");
                // Stored as if sent, a reply nobody can carry would tell the agent a lie; a note is always fine.
                if (!r.Internal && await ReplyRoutes.DecideAsync(db, ticket, ct) is { CanDeliver: false } route)
                    return new Error.Undeliverable(route.Problem!, route.Describe(ReaderLanguage.IsRussian));
                message = ticket.AddMessage(r.Internal ? MessageKind.Note : MessageKind.Outbound, caller.Actor, text, safeHtml, now);
                message.AuthorAgentId = caller.AgentId;
                if (status is { } s && ticket.ChangeStatus(s, caller.Actor, now) is { } error) return error;
            }
            message.Attachments.AddRange(files);
            await db.SaveChangesAsync(ct);
            await db.Entry(message).Reference(m => m.AuthorAgent).LoadAsync(ct);
            return new Added(target.Id, message.ToDto(), Names.Of(target.Status), target != ticket);
        }
    }
}
