using Otklik.Domain;

namespace Otklik.Tests.Domain;

public sealed class TicketMergeTests
{
    private static readonly DateTime Now = new(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Actor AgentActor = Actor.OfAgent(7);

    [Fact]
    public void MergeInto_MovesMessagesParticipantsAndTags_AndClosesSource()
    {
        var source = TicketLifecycleTests.NewTicket(id: 1, customerId: 100);
        var target = TicketLifecycleTests.NewTicket(id: 2, customerId: 200);
        source.SetTags(["billing"], AgentActor, Now);

        Assert.Null(source.MergeInto(target, AgentActor, Now));

        Assert.Empty(source.Messages);
        Assert.Equal(0, source.MessageCount);
        Assert.Equal(2, target.Messages.Count);
        Assert.Equal(2, target.MessageCount);
        Assert.All(target.Messages, m => Assert.Same(target, m.Ticket));
        Assert.Contains(target.Participants, p => p.CustomerId == 100);
        Assert.Contains(target.Tags, t => t.Name == "billing");
        Assert.Equal(TicketStatus.Closed, source.Status);
        Assert.Equal(2, source.MergedIntoId);
        Assert.Contains(target.Timeline, e => e.Kind == TimelineKinds.MergedFrom);
    }

    [Fact]
    public void MergeInto_Itself_IsInvalid()
    {
        var ticket = TicketLifecycleTests.NewTicket(id: 1);
        Assert.IsType<Error.Invalid>(ticket.MergeInto(ticket, AgentActor, Now));
    }

    [Fact]
    public void MergeInto_ClosedTarget_IsConflict()
    {
        var source = TicketLifecycleTests.NewTicket(id: 1);
        var target = TicketLifecycleTests.NewTicket(id: 2);
        target.ChangeStatus(TicketStatus.Closed, AgentActor, Now);
        Assert.Equal("target_closed", source.MergeInto(target, AgentActor, Now)?.Code);
        Assert.Single(source.Messages);
    }

    [Fact]
    public void MergeInto_Twice_IsConflict()
    {
        var source = TicketLifecycleTests.NewTicket(id: 1);
        var first = TicketLifecycleTests.NewTicket(id: 2);
        var second = TicketLifecycleTests.NewTicket(id: 3);
        Assert.Null(source.MergeInto(first, AgentActor, Now));
        Assert.Equal("already_merged", source.MergeInto(second, AgentActor, Now)?.Code);
        Assert.Equal("target_merged", second.MergeInto(source, AgentActor, Now)?.Code);
    }

    [Fact]
    public void MergeInto_SolvedTarget_ReopensIt()
    {
        var source = TicketLifecycleTests.NewTicket(id: 1);
        var target = TicketLifecycleTests.NewTicket(id: 2);
        target.ChangeStatus(TicketStatus.Solved, AgentActor, Now);
        Assert.Null(source.MergeInto(target, AgentActor, Now));
        Assert.Equal(TicketStatus.Open, target.Status);
    }

    [Fact]
    public void MergeInto_SameCustomer_AddsNoParticipant()
    {
        var source = TicketLifecycleTests.NewTicket(id: 1, customerId: 100);
        var target = TicketLifecycleTests.NewTicket(id: 2, customerId: 100);
        Assert.Null(source.MergeInto(target, AgentActor, Now));
        Assert.Empty(target.Participants);
    }
}
