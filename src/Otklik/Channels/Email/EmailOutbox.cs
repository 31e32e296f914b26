using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Events;
using Otklik.Jobs;

namespace Otklik.Channels.Email;

public sealed record EmailJob(long MessageId);

public sealed record NoticeJob(long TicketId, long MessageId, string Kind, IReadOnlyList<RefusedFile>? Files = null);

/// <summary>
/// Queues mail in the same transaction as the change that calls for it: an agent's public
/// reply that its <see cref="ReplyRoutes">route</see> sends by email, the acknowledgment of a new ticket, the notice about
/// refused files. The Message-ID is fixed here, so every retry sends the very same message.
/// </summary>
public sealed class EmailOutbox(TimeProvider clock) : IBeforeCommitListener
{
    public const string SendType = "email.send";
    public const string NoticeType = "email.notice";

    public async Task<bool> HandleAsync(OtklikDb db, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case MessageAdded { Message.Kind: MessageKind.Outbound } m:
                    // Chat replies go to the widget first (ChatOutbox); everything the route sends by email is queued here.
                    var route = await ReplyRoutes.DecideAsync(db, m.Ticket, ct);
                    if (route is not { Way: ReplyWay.Email, From: { } address }) break;
                    m.Message.DeliveryStatus = DeliveryStatus.Pending;
                    m.Message.ExternalId ??= NewMessageId(m.Ticket.Id, address);
                    db.Enqueue(SendType, JsonSerializer.Serialize(new EmailJob(m.Message.Id)), now);
                    added = true;
                    break;
                case AcknowledgmentDue a:
                    db.Enqueue(NoticeType, JsonSerializer.Serialize(new NoticeJob(a.Ticket.Id, a.First.Id, Notices.Acknowledgment)), now);
                    added = true;
                    break;
                case AttachmentsRefused r:
                    db.Enqueue(NoticeType, JsonSerializer.Serialize(new NoticeJob(r.Ticket.Id, r.Message.Id, Notices.FilesRefused, r.Files)), now);
                    added = true;
                    break;
            }
        }
        return added;
    }

    /// <summary>Unique, and tells our own tickets apart when a reply quotes it in In-Reply-To.</summary>
    public static string NewMessageId(long ticketId, string mailboxAddress)
    {
        var domain = mailboxAddress[(mailboxAddress.IndexOf('@') + 1)..];
        return $"otklik.{ticketId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}@{domain}";
    }
}
