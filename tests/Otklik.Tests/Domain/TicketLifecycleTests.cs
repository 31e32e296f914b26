using Otklik.Domain;

namespace Otklik.Tests.Domain;

public sealed class TicketLifecycleTests
{
    private static readonly DateTime T0 = new(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Actor AgentActor = Actor.OfAgent(7);

    internal static Ticket NewTicket(long id = 1, long customerId = 100)
    {
        var customer = new Customer { Id = customerId, Name = "Ivan" };
        var ticket = Ticket.Open("  Order missing  ", customer, ChannelKind.Email, null, AgentActor, T0);
        ticket.Id = id;
        ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customerId), "Where is my order?", null, T0);
        return ticket;
    }

    [Fact]
    public void Open_TrimsSubject_StartsNew_AndRecordsCreation()
    {
        var ticket = NewTicket();
        Assert.Equal("Order missing", ticket.Subject);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Contains(ticket.Timeline, e => e.Kind == TimelineKinds.Created);
        Assert.Contains(ticket.DomainEvents, e => e is TicketCreated);
        Assert.Equal(1, ticket.MessageCount);
    }

    [Fact]
    public void AgentReply_SetsFirstResponseOnce_AndOpensNewTicket()
    {
        var ticket = NewTicket();
        ticket.AddMessage(MessageKind.Outbound, AgentActor, "On its way", null, T0.AddMinutes(5));
        ticket.AddMessage(MessageKind.Outbound, AgentActor, "Anything else?", null, T0.AddMinutes(50));
        Assert.Equal(T0.AddMinutes(5), ticket.FirstResponseAt);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(T0.AddMinutes(50), ticket.LastMessageAt);
    }

    [Fact]
    public void InternalNote_IsNoFirstResponse_AndKeepsLastMessageTime()
    {
        var ticket = NewTicket();
        ticket.AddMessage(MessageKind.Note, AgentActor, "Checking the warehouse", null, T0.AddMinutes(3));
        Assert.Null(ticket.FirstResponseAt);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(T0, ticket.LastMessageAt);
    }

    [Theory]
    [InlineData(TicketStatus.Solved)]
    [InlineData(TicketStatus.Pending)]
    public void CustomerReply_OnSolvedOrPending_ReopensTicket(TicketStatus status)
    {
        var ticket = NewTicket();
        Assert.Null(ticket.ChangeStatus(status, AgentActor, T0.AddHours(1)));
        ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(100), "Still not here", null, T0.AddHours(2));
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Null(ticket.SolvedAt);
        Assert.Contains(ticket.Timeline, e => e.Field == "status" && e.NewValue == "open" && e.Note == "customer replied");
    }

    [Fact]
    public void CustomerReply_OnOnHold_KeepsStatus()
    {
        var ticket = NewTicket();
        ticket.ChangeStatus(TicketStatus.OnHold, AgentActor, T0);
        ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(100), "Any news?", null, T0.AddHours(1));
        Assert.Equal(TicketStatus.OnHold, ticket.Status);
    }

    [Fact]
    public void ClosedTicket_RefusesCustomerMessage()
    {
        var ticket = NewTicket();
        ticket.ChangeStatus(TicketStatus.Closed, AgentActor, T0.AddHours(1));
        Assert.Throws<InvalidOperationException>(() =>
            ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(100), "Hello again", null, T0.AddHours(2)));
        Assert.Equal(1, ticket.MessageCount);
    }

    [Fact]
    public void ClosedTicket_CannotChangeStatus()
    {
        var ticket = NewTicket();
        ticket.ChangeStatus(TicketStatus.Closed, AgentActor, T0.AddHours(1));
        var error = ticket.ChangeStatus(TicketStatus.Open, AgentActor, T0.AddHours(2));
        Assert.Equal("ticket_closed", Assert.IsType<Error.Conflict>(error).Code);
        Assert.Equal(TicketStatus.Closed, ticket.Status);
    }

    [Fact]
    public void ChangeStatus_BackToNew_IsInvalid()
    {
        var ticket = NewTicket();
        ticket.ChangeStatus(TicketStatus.Open, AgentActor, T0);
        Assert.IsType<Error.Invalid>(ticket.ChangeStatus(TicketStatus.New, AgentActor, T0));
        Assert.Equal(TicketStatus.Open, ticket.Status);
    }

    [Fact]
    public void Solve_ThenClose_KeepsSolvedTime_AndSetsClosedTime()
    {
        var ticket = NewTicket();
        ticket.ChangeStatus(TicketStatus.Solved, AgentActor, T0.AddHours(1));
        ticket.ChangeStatus(TicketStatus.Closed, AgentActor, T0.AddHours(5));
        Assert.Equal(T0.AddHours(1), ticket.SolvedAt);
        Assert.Equal(T0.AddHours(5), ticket.ClosedAt);
    }

    [Fact]
    public void ChangeStatus_ToSame_RecordsNothing()
    {
        var ticket = NewTicket();
        var before = ticket.Timeline.Count;
        Assert.Null(ticket.ChangeStatus(TicketStatus.New, AgentActor, T0));
        Assert.Equal(before, ticket.Timeline.Count);
    }

    [Fact]
    public void SetTags_NormalizesDeduplicates_AndRecordsAddsAndRemovals()
    {
        var ticket = NewTicket();
        ticket.SetTags(["VIP", " vip ", "Late Delivery", "  "], AgentActor, T0);
        Assert.Equal(["late-delivery", "vip"], ticket.Tags.Select(t => t.Name).Order());
        ticket.SetTags(["late delivery"], AgentActor, T0.AddMinutes(1));
        Assert.Equal(["late-delivery"], ticket.Tags.Select(t => t.Name));
        Assert.Contains(ticket.Timeline, e => e.Field == "tags" && e.OldValue == "vip" && e.NewValue == null);
    }

    [Fact]
    public void Rename_TrimsAndRecordsOldAndNew()
    {
        var ticket = NewTicket();
        ticket.Rename("  New subject ", AgentActor, T0);
        Assert.Equal("New subject", ticket.Subject);
        Assert.Contains(ticket.Timeline, e => e.Field == "subject" && e.OldValue == "Order missing" && e.NewValue == "New subject");
    }
}
