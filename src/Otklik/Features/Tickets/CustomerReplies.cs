using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.Tickets;

/// <summary>
/// Where a customer's message lands: on the ticket itself (reopening it when solved or
/// pending), or, when the ticket is closed, on a new follow-up ticket linked to it.
/// Every channel uses this, so the rule is the same for email, chat and the API.
/// </summary>
public static class CustomerReplies
{
    public static (Ticket Ticket, Message Message) Receive(OtklikDb db, Ticket ticket, Customer customer, string text, string? html, DateTime now)
    {
        var author = Actor.OfCustomer(customer.Id);
        if (!ticket.IsClosed)
        {
            var message = ticket.AddMessage(MessageKind.Inbound, author, text, html, now);
            message.AuthorCustomer = customer;
            return (ticket, message);
        }

        var followUp = Ticket.Open(ticket.Subject, customer, ticket.Channel, ticket.InboxId, author, now, followUpOf: ticket.Id);
        followUp.Priority = ticket.Priority;
        followUp.TeamId = ticket.TeamId;
        followUp.AssigneeId = ticket.AssigneeId;
        followUp.Tags = ticket.Tags.Select(t => new TicketTag { Name = t.Name }).ToList();
        var reply = followUp.AddMessage(MessageKind.Inbound, author, text, html, now);
        reply.AuthorCustomer = customer;
        db.Tickets.Add(followUp);
        db.TicketLinks.Add(new TicketLink { TicketId = ticket.Id, LinkedTicket = followUp, CreatedAt = now });
        return (followUp, reply);
    }
}
