using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class CalendarInviteTests
{
    [Fact]
    public void Summarize_UtcStart_SaysUtc() =>
        Assert.Equal("Calendar invitation: Demo — 2025-04-01 09:30 UTC",
            CalendarInvite.Summarize("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Demo\r\nDTSTART:20250401T093000Z\r\nEND:VEVENT\r\nEND:VCALENDAR"));

    [Fact]
    public void Summarize_AllDayCancelledAndFoldedTitle()
    {
        var ics = "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nSUMMARY:Quarterly\n  review\nDTSTART;VALUE=DATE:20250402\nEND:VEVENT\nEND:VCALENDAR";

        Assert.Equal("Calendar: cancelled: Quarterly review — 2025-04-02", CalendarInvite.Summarize(ics));
    }

    [Fact]
    public void Summarize_NoEvent_IsNull() =>
        Assert.Null(CalendarInvite.Summarize("BEGIN:VCALENDAR\nBEGIN:VTODO\nEND:VTODO\nEND:VCALENDAR"));
}
