namespace Otklik.Domain;

public sealed partial class Ticket
{
    /// <summary>
    /// Moves this ticket's conversation into <paramref name="target"/>. The source keeps
    /// its timeline and points to the survivor, so old links and numbers still lead somewhere.
    /// </summary>
    public Error? MergeInto(Ticket target, Actor actor, DateTime now)
    {
        if (target.Id == Id) return new Error.Invalid("targetId", "A ticket cannot be merged into itself.");
        if (MergedIntoId is not null) return new Error.Conflict("already_merged", $"Ticket #{Id} is already merged into #{MergedIntoId}.");
        if (target.MergedIntoId is not null) return new Error.Conflict("target_merged", $"Ticket #{target.Id} was itself merged into #{target.MergedIntoId}; merge into that one.");
        if (target.IsClosed) return new Error.Conflict("target_closed", $"Ticket #{target.Id} is closed; merge into an open ticket.");

        foreach (var message in Messages.ToList())
        {
            Messages.Remove(message);
            message.Ticket = target;
            message.TicketId = target.Id;
            target.Messages.Add(message);
        }
        target.MessageCount += MessageCount;
        MessageCount = 0;
        if (LastMessageAt > target.LastMessageAt) target.LastMessageAt = LastMessageAt;

        var participants = Participants.Select(p => p.CustomerId).Append(CustomerId)
            .Where(c => c != target.CustomerId && target.Participants.All(p => p.CustomerId != c))
            .Distinct().ToList();
        foreach (var customerId in participants)
            target.Participants.Add(new TicketParticipant { TicketId = target.Id, CustomerId = customerId });

        foreach (var tag in Tags.Where(t => target.Tags.All(x => x.Name != t.Name)))
            target.Tags.Add(new TicketTag { TicketId = target.Id, Name = tag.Name });

        MergedIntoId = target.Id;
        var wasStatus = Status;
        Status = TicketStatus.Closed;
        ClosedAt = now;
        UpdatedAt = now;
        target.UpdatedAt = now;
        Record(actor, now, TimelineKinds.MergedInto, "status", Names.Of(wasStatus), Names.Of(TicketStatus.Closed), $"#{target.Id}");
        target.Record(actor, now, TimelineKinds.MergedFrom, null, null, Id.ToString(), $"#{Id}");
        if (target.Status is TicketStatus.Solved) target.ChangeStatus(TicketStatus.Open, actor, now, reason: "merged");
        Raise(new TicketMerged(this, target));
        return null;
    }
}
