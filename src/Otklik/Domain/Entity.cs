namespace Otklik.Domain;

/// <summary>Collects domain events raised while a use case runs; the DbContext dispatches them after commit.</summary>
public abstract class Entity
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    public void ClearDomainEvents() => _events.Clear();
}

public interface IDomainEvent;

/// <summary>Who did something: an agent, the customer, or Otklik itself.</summary>
public readonly record struct Actor(AuthorKind Kind, long? AgentId = null, long? CustomerId = null)
{
    public static Actor System => new(AuthorKind.System);
    public static Actor OfAgent(long agentId) => new(AuthorKind.Agent, AgentId: agentId);
    public static Actor OfCustomer(long customerId) => new(AuthorKind.Customer, CustomerId: customerId);
}
