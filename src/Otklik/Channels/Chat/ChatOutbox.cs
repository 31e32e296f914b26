using System.Text.Json;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Events;
using Otklik.Jobs;

namespace Otklik.Channels.Chat;

public sealed record ChatFollowUpJob(long MessageId);

/// <summary>
/// In the transaction of an agent's reply on a chat conversation, books a check a little later:
/// if the widget has not confirmed the reply by then, the visitor has left and
/// <see cref="ChatFollowUp"/> sends it by email (product rule: never leave a customer on a dead
/// chat). The live push itself happens after commit (<see cref="ChatRelay"/>).
/// </summary>
public sealed class ChatOutbox(TimeProvider clock) : IBeforeCommitListener
{
    public const string FollowUpType = "chat.follow-up";

    /// <summary>How long a reply may stay unseen in the widget before it goes by email.</summary>
    public static readonly TimeSpan FollowUpDelay = TimeSpan.FromMinutes(2);

    public Task<bool> HandleAsync(OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var m in events.OfType<MessageAdded>())
        {
            if (m.Ticket.Channel != ChannelKind.Chat || m.Message.Kind != MessageKind.Outbound) continue;
            db.Outbox.Add(new OutboxMessage
            {
                Type = FollowUpType, Payload = JsonSerializer.Serialize(new ChatFollowUpJob(m.Message.Id)),
                CreatedAt = now, AvailableAt = now + FollowUpDelay,
            });
            added = true;
        }
        return Task.FromResult(added);
    }
}
