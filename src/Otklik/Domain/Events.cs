namespace Otklik.Domain;

// Events hold the entities, not their ids: ids are assigned by the database during
// SaveChanges, and listeners run after the commit when every id is known.

public sealed record TicketCreated(Ticket Ticket) : IDomainEvent;

public sealed record TicketChanged(Ticket Ticket, string Field) : IDomainEvent;

public sealed record MessageAdded(Ticket Ticket, Message Message) : IDomainEvent;

public sealed record TicketMerged(Ticket Source, Ticket Target) : IDomainEvent;

public sealed record CustomerChanged(Customer Customer) : IDomainEvent;
