namespace Otklik.Domain;

public sealed partial class Ticket
{
    /// <summary>The live chat of this ticket ended; <paramref name="by"/> is "agent" or "visitor". The ticket itself stays as it is.</summary>
    public void EndChat(Actor actor, string by, DateTime now)
    {
        UpdatedAt = now; // bumps the version: an end racing an accept or a second end conflicts instead of doubling
        Record(actor, now, TimelineKinds.ChatEnded, "chat", null, by);
        Raise(new TicketChanged(this, "chat"));
    }

    /// <summary>
    /// Hands the chat to another agent or team, keeping who had it, who has it now and why on the timeline.
    /// A team transfer leaves nobody assigned, so the chat waits in that team's queue.
    /// </summary>
    public void TransferChat(Agent? toAgent, Team? toTeam, string? note, Actor actor, DateTime now)
    {
        var from = AssigneeId?.ToString();
        if (toTeam is not null) MoveToTeam(toTeam, actor, now);
        Assign(toAgent, actor, now);
        UpdatedAt = now;
        Record(actor, now, TimelineKinds.ChatTransferred, toAgent is not null ? "agent" : "team", from,
            (toAgent?.Id ?? toTeam?.Id)?.ToString(), note);
    }

    /// <summary>Routing gave the chat to <paramref name="agent"/>; the timeline says it was automatic, not someone's choice.</summary>
    public void RouteChat(Agent agent, DateTime now)
    {
        Assign(agent, Actor.System, now);
        UpdatedAt = now;
        Record(Actor.System, now, TimelineKinds.ChatRouted, "agent", null, agent.Id.ToString());
    }
}
