using System.Globalization;
using Otklik.Channels.Phone;
using Otklik.Domain;

namespace Otklik.Tests.Channels.Phone;

public sealed class CallbackWindowTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc);

    private static CallbackWindow Make(string date, string from, string to, string zone, DateTime? now = null)
    {
        var problem = CallbackWindow.TryCreate(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(from, CultureInfo.InvariantCulture),
            TimeOnly.Parse(to, CultureInfo.InvariantCulture), zone, now ?? Now, out var window);
        Assert.Equal(WindowProblem.None, problem);
        return window;
    }

    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Theory]
    [InlineData("Europe/Moscow", "2026-03-21T07:00:00", "2026-03-21T09:00:00")] // UTC+3 all year
    [InlineData("Asia/Yekaterinburg", "2026-03-21T05:00:00", "2026-03-21T07:00:00")] // UTC+5
    [InlineData("Asia/Kamchatka", "2026-03-20T22:00:00", "2026-03-21T00:00:00")] // UTC+12: the window starts on the previous UTC day
    [InlineData("America/New_York", "2026-03-21T14:00:00", "2026-03-21T16:00:00")] // EDT since 8 March: UTC-4
    [InlineData("Europe/Berlin", "2026-03-21T09:00:00", "2026-03-21T11:00:00")] // still CET: UTC+1
    public void Window_IsTheLocalTimesInTheCustomersZone(string zone, string start, string end)
    {
        var w = Make("2026-03-21", "10:00", "12:00", zone);
        Assert.Equal(Utc(start), w.StartUtc);
        Assert.Equal(Utc(end), w.EndUtc);
        Assert.Equal(DateTimeKind.Utc, w.EndUtc.Kind);
    }

    [Fact]
    public void SpringGap_MovesAMissingTimeForward()
    {
        // Berlin skips 02:00–03:00 on 29 March 2026: 02:30 does not exist and becomes 03:00 CEST (01:00 UTC).
        var w = Make("2026-03-29", "02:30", "04:00", "Europe/Berlin");
        Assert.Equal(Utc("2026-03-29T01:00:00"), w.StartUtc);
        Assert.Equal(Utc("2026-03-29T02:00:00"), w.EndUtc);
    }

    [Fact]
    public void AutumnOverlap_TakesTheFirstOccurrence()
    {
        // Berlin has 02:00–03:00 twice on 25 October 2026; 02:30 means the first one, still CEST (00:30 UTC).
        var w = Make("2026-10-25", "02:30", "03:30", "Europe/Berlin", new DateTime(2026, 10, 24, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(Utc("2026-10-25T00:30:00"), w.StartUtc);
        Assert.Equal(Utc("2026-10-25T02:30:00"), w.EndUtc); // 03:30 CET: two hours after 02:30 CEST
    }

    [Theory]
    [InlineData("2026-03-21", "12:00", "10:00", "Europe/Moscow", WindowProblem.EndBeforeStart)]
    [InlineData("2026-03-21", "10:00", "10:00", "Europe/Moscow", WindowProblem.EndBeforeStart)]
    [InlineData("2026-03-21", "10:00", "10:10", "Europe/Moscow", WindowProblem.TooShort)]
    [InlineData("2026-03-20", "10:00", "12:00", "Europe/Moscow", WindowProblem.Past)] // ended 09:00 UTC = now
    [InlineData("2026-05-01", "10:00", "12:00", "Europe/Moscow", WindowProblem.TooFarAhead)]
    [InlineData("2026-03-21", "10:00", "12:00", "Mars/Olympus", WindowProblem.UnknownZone)]
    [InlineData("2026-03-21", "10:00", "12:00", "", WindowProblem.UnknownZone)]
    public void Window_RefusesWhatCannotBeHonoured(string date, string from, string to, string zone, WindowProblem expected) =>
        Assert.Equal(expected, CallbackWindow.TryCreate(DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(from, CultureInfo.InvariantCulture),
            TimeOnly.Parse(to, CultureInfo.InvariantCulture), zone, Now, out _));

    [Fact]
    public void WindowStillOpen_IsAccepted_EvenWhenItsStartHasPassed()
    {
        // 11:00–13:00 Moscow on the 20th: started at 08:00 UTC, ends 10:00 UTC, now is 09:00 UTC.
        var w = Make("2026-03-20", "11:00", "13:00", "Europe/Moscow");
        Assert.Equal(Utc("2026-03-20T10:00:00"), w.EndUtc);
    }

    [Fact]
    public void Describe_ShowsTheWindowInTheGivenZoneAndLanguage()
    {
        var w = Make("2026-03-21", "10:00", "12:00", "Europe/Moscow");
        CallbackWindow.TryZone("Asia/Yekaterinburg", out var yekaterinburg);
        Assert.Equal("21 марта 2026, 12:00–14:00", w.Describe(yekaterinburg, CultureInfo.GetCultureInfo("ru")));
        CallbackWindow.TryZone("Europe/Moscow", out var moscow);
        Assert.Equal("21 March 2026, 10:00–12:00", w.Describe(moscow, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Overdue_OnlyWhenTheWindowPassedAndNobodyReachedTheCustomer()
    {
        var ticket = new Ticket { Subject = "Call" };
        var task = new CallbackRequest { Phone = "+79161234567", TimeZone = "Europe/Moscow", WindowStart = Now.AddHours(-2), WindowEnd = Now.AddHours(-1) };
        Assert.True(task.IsOverdue(Now));
        Assert.False(task.IsOverdue(Now.AddHours(-1.5)));
        task.LogAttempt(ticket, CallOutcome.NoAnswer, null, null, Actor.OfAgent(1), Now);
        Assert.True(task.IsOverdue(Now));
        task.LogAttempt(ticket, CallOutcome.CallBack, Now.AddHours(1), "после обеда", Actor.OfAgent(1), Now);
        Assert.Equal(Now.AddHours(1), task.WindowStart);
        Assert.Equal(Now.AddHours(1.5), task.WindowEnd);
        Assert.False(task.IsOverdue(Now));
        task.LogAttempt(ticket, CallOutcome.Reached, null, null, Actor.OfAgent(1), Now);
        Assert.False(task.IsOverdue(Now.AddDays(1)));
        Assert.Equal(3, task.Attempts);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(Now, ticket.FirstResponseAt);
        Assert.Equal(["no_answer", "call_back", "reached"], ticket.Timeline.Where(e => e.Kind == TimelineKinds.CallAttempt).Select(e => e.Field));
    }
}
