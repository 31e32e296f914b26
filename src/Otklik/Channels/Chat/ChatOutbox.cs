using System.Text.Json;
using Microsoft.Extensions.Options;
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
public sealed class ChatOutbox(TimeProvider clock, IOptions<ChatOptions> options) : IBeforeCommitListener
{
    public const string FollowUpType = "chat.follow-up";

    public Task<bool> HandleAsync(OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var delay = TimeSpan.FromSeconds(Math.Max(1, options.Value.FollowUpSeconds));
        var added = false;
        foreach (var m in events.OfType<MessageAdded>())
        {
            if (m.Ticket.Channel != ChannelKind.Chat || m.Message.Kind != MessageKind.Outbound) continue;
            db.Outbox.Add(new OutboxMessage
            {
                Type = FollowUpType, Payload = JsonSerializer.Serialize(new ChatFollowUpJob(m.Message.Id)),
                CreatedAt = now, AvailableAt = now + delay,
            });
            added = true;
        }
        return Task.FromResult(added);
    }
}
