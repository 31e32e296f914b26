namespace Otklik.Domain;

/// <summary>Raised when a new ticket came by email from a person (not an auto-reply or bulk mail) and deserves an acknowledgment.</summary>
public sealed record AcknowledgmentDue(Ticket Ticket, Message First) : IDomainEvent;

/// <summary>Raised when the mail system reported that an outbound message could not be delivered.</summary>
public sealed record DeliveryFailed(Ticket Ticket, Message Message, string Reason) : IDomainEvent;

/// <summary>Raised when files on an inbound email were refused (too large): the customer is told which and why.</summary>
public sealed record AttachmentsRefused(Ticket Ticket, Message Message, IReadOnlyList<RefusedFile> Files) : IDomainEvent;

/// <summary>A file the inbox would not take, with the numbers the customer is told in their own language.</summary>
public sealed record RefusedFile(string FileName, long Size, long Limit);

public sealed partial class Ticket
{
    public void RefuseAttachments(Message message, IReadOnlyList<RefusedFile> files) => Raise(new AttachmentsRefused(this, message, files));

    public void RequestAcknowledgment(Message first) => Raise(new AcknowledgmentDue(this, first));

    /// <summary>Marks a sent message as undelivered, on the timeline where the agent will see it.</summary>
    public void MarkUndelivered(Message message, string reason, DateTime now)
    {
        if (message.DeliveryStatus == DeliveryStatus.Failed) return;
        message.DeliveryStatus = DeliveryStatus.Failed;
        UpdatedAt = now;
        Record(Actor.System, now, TimelineKinds.DeliveryFailed, "delivery", null, "failed", reason.Length > 1000 ? reason[..1000] : reason);
        Raise(new DeliveryFailed(this, message, reason));
    }
}
