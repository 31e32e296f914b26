using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Tickets;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Callbacks;

/// <summary>An agent's call to the customer: the outcome goes on the timeline; "call back at" moves the window; reaching them may solve the ticket.</summary>
public static class LogCallAttempt
{
    public const int NoteLimit = 2000;

    /// <param name="CallBackAt">For "call_back": when the customer asked to be called, with its offset (2026-12-01T15:00:00+03:00).</param>
    /// <param name="Solve">With "reached": solve the ticket in the same step.</param>
    public sealed record Request(string? Outcome, DateTimeOffset? CallBackAt, string? Note, bool? Solve);

    public static void Map(IEndpointRouteBuilder tickets) =>
        tickets.MapPost("/tickets/{id:long}/callback/attempts", async (long id, Request r, Handler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, r, http.Caller(), ct)).ToResult(c => TypedResults.Created($"/api/v1/tickets/{id}/callback", c)))
            .WithName("LogCallAttempt").WithSummary("Log a call: reached, no_answer, busy, wrong_number or call_back (with callBackAt)")
            .Produces<CallbackTask.CallbackDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    public sealed class Handler(OtklikDb db, TimeProvider clock)
    {
        public async Task<Result<CallbackTask.CallbackDto>> HandleAsync(long ticketId, Request r, Caller caller, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var v = new Validation();
            CallOutcome? outcome = null;
            if (string.IsNullOrWhiteSpace(r.Outcome))
                v.Add("outcome", Validation.Say("'outcome' is required: reached, no_answer, busy, wrong_number or call_back.", "Укажите итог звонка: reached, no_answer, busy, wrong_number или call_back."));
            else if (Names.TryParse<CallOutcome>(r.Outcome, out var parsed)) outcome = parsed;
            else v.Add("outcome", Validation.Say($"'{r.Outcome}' is not an outcome; use reached, no_answer, busy, wrong_number or call_back.",
                $"«{r.Outcome}» — не итог звонка; возможные: reached, no_answer, busy, wrong_number, call_back."));
            var at = r.CallBackAt?.UtcDateTime;
            if (outcome == CallOutcome.CallBack && at is null)
                v.Add("callBackAt", Validation.Say("'call_back' needs 'callBackAt': when the customer asked to be called.", "Для «call_back» нужно «callBackAt» — когда клиент просил перезвонить."));
            else if (outcome == CallOutcome.CallBack && at <= now)
                v.Add("callBackAt", Validation.Say("'callBackAt' is in the past.", "«callBackAt» уже прошло."));
            else if (outcome == CallOutcome.CallBack && at > now.AddDays(30))
                v.Add("callBackAt", Validation.Say("'callBackAt' is more than 30 days ahead.", "«callBackAt» дальше чем через 30 дней."));
            if (r.Solve == true && outcome is not CallOutcome.Reached)
                v.Add("solve", Validation.Say("Only a call that reached the customer solves the ticket.", "Решить обращение можно, только дозвонившись до клиента."));
            v.MaxLength("note", r.Note, NoteLimit);
            if (!v.IsValid) return v.ToError();

            var ticket = await db.Tickets.VisibleTo(db, caller).AsTracking().FirstOrDefaultAsync(t => t.Id == ticketId, ct);
            if (ticket is null) return new Error.NotFound($"Ticket {ticketId}");
            var task = await db.CallbackRequests.AsTracking().FirstOrDefaultAsync(c => c.TicketId == ticketId, ct);
            if (task is null) return new Error.NotFound($"A callback request on ticket {ticketId}");
            if (ticket.IsClosed) return new Error.Conflict("ticket_closed", Validation.Say("The ticket is closed; open a new one to call again.", "Обращение закрыто; чтобы позвонить снова, создайте новое."));

            task.LogAttempt(ticket, outcome!.Value, at, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), caller.Actor, now);
            if (r.Solve == true && ticket.ChangeStatus(TicketStatus.Solved, caller.Actor, now) is { } refused) return refused;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Version).FirstAsync(ct);
                return new Error.Stale(current);
            }
            return await CallbackTask.GetAsync(db, caller, ticketId, now, ct);
        }
    }
}
