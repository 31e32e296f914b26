using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Customers;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Tickets;

/// <summary>People copied on a ticket besides its customer (CC); replies go to them too.</summary>
public static class Participants
{
    public sealed record Request(string? Email, string? Name);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/tickets/{id:long}/participants", AddAsync).WithName("AddParticipant").ProducesValidationProblem();
        api.MapDelete("/tickets/{id:long}/participants/{customerId:long}", RemoveAsync).WithName("RemoveParticipant");
    }

    private static async Task<IResult> AddAsync(long id, Request r, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("email", r.Email, 254).Email("email", r.Email).MaxLength("name", r.Name, TicketLimits.Name);
        if (!v.IsValid) return v.ToError().ToProblem();
        var caller = http.Caller();
        var ticket = await db.Tickets.AsTracking().VisibleTo(db, caller).Include(t => t.Participants).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return new Error.NotFound($"Ticket {id}").ToProblem();
        var now = clock.GetUtcNow().UtcDateTime;
        var customer = await CustomerDirectory.FindOrCreateByEmailAsync(db, r.Email!, r.Name, now, ct);
        if (customer.Id != 0 && (customer.Id == ticket.CustomerId || ticket.Participants.Any(p => p.CustomerId == customer.Id)))
            return TypedResults.NoContent();
        ticket.Participants.Add(new TicketParticipant { TicketId = id, Customer = customer });
        ticket.Record(caller.Actor, now, TimelineKinds.Participant, "participants", null, customer.PrimaryEmail);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveAsync(long id, long customerId, OtklikDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var ticket = await db.Tickets.AsTracking().VisibleTo(db, caller).Include(t => t.Participants).ThenInclude(p => p.Customer)
            .ThenInclude(c => c!.Identities).FirstOrDefaultAsync(t => t.Id == id, ct);
        var participant = ticket?.Participants.FirstOrDefault(p => p.CustomerId == customerId);
        if (ticket is null || participant is null) return new Error.NotFound($"Participant {customerId} on ticket {id}").ToProblem();
        ticket.Participants.Remove(participant);
        ticket.Record(caller.Actor, clock.GetUtcNow().UtcDateTime, TimelineKinds.Participant, "participants", participant.Customer?.PrimaryEmail, null);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
