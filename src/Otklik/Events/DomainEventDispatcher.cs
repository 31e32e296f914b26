using Otklik.Domain;

namespace Otklik.Events;

/// <summary>A small after-commit reaction to what a use case did (push to browsers, count, notify).</summary>
public interface IDomainEventListener
{
    Task HandleAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct);
}

/// <summary>Writes durable work (outbox rows) for events inside the use case's own transaction.</summary>
public interface IBeforeCommitListener
{
    /// <returns>True when it added rows to the context that still need saving.</returns>
    Task<bool> HandleAsync(Data.OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct);
}

/// <summary>
/// Runs listeners after the transaction commits. A listener failing is logged and does
/// not undo or block the others: the data is already safe. Work that must not be lost
/// goes through the outbox instead.
/// </summary>
public sealed class DomainEventDispatcher(
    IEnumerable<IDomainEventListener> listeners, IEnumerable<IBeforeCommitListener> beforeCommit, ILogger<DomainEventDispatcher> log)
{
    /// <summary>Unlike after-commit listeners, a failure here aborts the use case: its durable work must not be lost.</summary>
    public async Task<bool> BeforeCommitAsync(Data.OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var added = false;
        foreach (var listener in beforeCommit) added |= await listener.HandleAsync(db, events, ct);
        return added;
    }

    public async Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.HandleAsync(events, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Listener {Listener} failed on {Count} events", listener.GetType().Name, events.Count);
            }
        }
    }
}
