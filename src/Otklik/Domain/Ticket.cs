namespace Otklik.Domain;

public sealed partial class Ticket : Entity
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public TicketStatus Status { get; set; } = TicketStatus.New;
    public TicketPriority Priority { get; set; } = TicketPriority.Normal;
    public ChannelKind Channel { get; set; } = ChannelKind.Api;
    public long? InboxId { get; set; }
    public Inbox? Inbox { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public long? AssigneeId { get; set; }
    public Agent? Assignee { get; set; }
    public long? TeamId { get; set; }
    public Team? Team { get; set; }
    /// <summary>Values of custom fields as a JSON object keyed by field key.</summary>
    public string CustomFields { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? SolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public long? MergedIntoId { get; set; }
    public long? FollowUpOfId { get; set; }
    public int MessageCount { get; set; }
    public int Version { get; set; }
    /// <summary>
    /// The email or phone that joined this ticket to an existing customer on the sender's word alone (typed
    /// into a web form, a callback request or the chat): the workspace warns that the link is not verified.
    /// </summary>
    public string? UnverifiedContact { get; set; }

    public List<TicketTag> Tags { get; set; } = [];
    public List<Message> Messages { get; set; } = [];
    public List<TimelineEvent> Timeline { get; set; } = [];
    public List<TicketParticipant> Participants { get; set; } = [];

    public bool IsClosed => Status == TicketStatus.Closed;

    public static Ticket Open(string subject, Customer customer, ChannelKind channel, long? inboxId, Actor actor, DateTime now, long? followUpOf = null)
    {
        var ticket = new Ticket
        {
            Subject = subject.Trim(),
            Customer = customer,
            CustomerId = customer.Id,
            Channel = channel,
            InboxId = inboxId,
            CreatedAt = now,
            UpdatedAt = now,
            LastMessageAt = now,
            FollowUpOfId = followUpOf,
        };
        ticket.Record(actor, now, TimelineKinds.Created, null, null, ticket.Subject);
        if (followUpOf is { } previous)
            ticket.Record(actor, now, TimelineKinds.FollowUp, "followUpOf", null, previous.ToString());
        ticket.Raise(new TicketCreated(ticket));
        return ticket;
    }

    /// <summary>
    /// Adds a message and applies the lifecycle rules. A customer message on a closed
    /// ticket is refused here: the caller opens a follow-up ticket instead.
    /// </summary>
    public Message AddMessage(MessageKind kind, Actor author, string text, string? html, DateTime now)
    {
        if (IsClosed && kind == MessageKind.Inbound)
            throw new InvalidOperationException("A closed ticket takes no customer messages; open a follow-up.");
        var message = new Message
        {
            Ticket = this,
            Kind = kind,
            AuthorKind = author.Kind,
            AuthorAgentId = author.AgentId,
            AuthorCustomerId = author.CustomerId,
            BodyText = text,
            BodyHtml = html,
            CreatedAt = now,
            DeliveryStatus = kind == MessageKind.Outbound ? DeliveryStatus.Sent : DeliveryStatus.None,
        };
        Messages.Add(message);
        MessageCount++;
        UpdatedAt = now;
        if (kind != MessageKind.Note) LastMessageAt = now;

        switch (kind)
        {
            case MessageKind.Inbound when Status is TicketStatus.Solved or TicketStatus.Pending:
                ChangeStatus(TicketStatus.Open, author, now, reason: "customer replied");
                break;
            case MessageKind.Outbound:
                FirstResponseAt ??= now;
                if (Status == TicketStatus.New) ChangeStatus(TicketStatus.Open, author, now);
                break;
        }
        Raise(new MessageAdded(this, message));
        return message;
    }

    public Error? ChangeStatus(TicketStatus status, Actor actor, DateTime now, string? reason = null)
    {
        if (status == Status) return null;
        if (IsClosed)
            return new Error.Conflict("ticket_closed", "A closed ticket cannot change status; the customer's next message opens a follow-up.");
        if (status == TicketStatus.New)
            return new Error.Invalid("status", "A ticket cannot go back to 'new'.");
        var old = Status;
        Status = status;
        switch (status)
        {
            case TicketStatus.Solved: SolvedAt = now; break;
            case TicketStatus.Closed: ClosedAt = now; SolvedAt ??= now; break;
            default: SolvedAt = null; break;
        }
        Changed(actor, now, "status", Names.Of(old), Names.Of(status), reason);
        return null;
    }

    public void ChangePriority(TicketPriority priority, Actor actor, DateTime now)
    {
        if (priority == Priority) return;
        var old = Priority;
        Priority = priority;
        Changed(actor, now, "priority", Names.Of(old), Names.Of(priority));
    }

    public void Assign(Agent? agent, Actor actor, DateTime now)
    {
        if (agent?.Id == AssigneeId) return;
        var old = AssigneeId;
        AssigneeId = agent?.Id;
        Assignee = agent;
        Changed(actor, now, "assignee", old?.ToString(), agent?.Id.ToString());
    }

    public void MoveToTeam(Team? team, Actor actor, DateTime now)
    {
        if (team?.Id == TeamId) return;
        var old = TeamId;
        TeamId = team?.Id;
        Team = team;
        Changed(actor, now, "team", old?.ToString(), team?.Id.ToString());
    }

    public void Rename(string subject, Actor actor, DateTime now)
    {
        subject = subject.Trim();
        if (subject == Subject) return;
        var old = Subject;
        Subject = subject;
        Changed(actor, now, "subject", old, subject);
    }

    public void SetTags(IEnumerable<string> tags, Actor actor, DateTime now)
    {
        var wanted = tags.Select(TicketTag.Normalize).Where(t => t.Length > 0).ToHashSet();
        foreach (var gone in Tags.Where(t => !wanted.Contains(t.Name)).ToList())
        {
            Tags.Remove(gone);
            Changed(actor, now, "tags", gone.Name, null);
        }
        foreach (var added in wanted.Where(w => Tags.All(t => t.Name != w)).Order())
        {
            Tags.Add(new TicketTag { TicketId = Id, Name = added });
            Changed(actor, now, "tags", null, added);
        }
    }

    public void SetCustomField(string key, string? oldJson, string? newJson, string allFieldsJson, Actor actor, DateTime now)
    {
        CustomFields = allFieldsJson;
        Changed(actor, now, "field:" + key, oldJson, newJson);
    }

    private void Changed(Actor actor, DateTime now, string field, string? oldValue, string? newValue, string? note = null)
    {
        UpdatedAt = now;
        Record(actor, now, TimelineKinds.Changed, field, oldValue, newValue, note);
        Raise(new TicketChanged(this, field));
    }

    internal void Record(Actor actor, DateTime now, string kind, string? field, string? oldValue, string? newValue, string? note = null) =>
        Timeline.Add(new TimelineEvent
        {
            Ticket = this,
            At = now,
            Kind = kind,
            ActorKind = actor.Kind,
            ActorAgentId = actor.AgentId,
            ActorCustomerId = actor.CustomerId,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            Note = note,
        });
}
