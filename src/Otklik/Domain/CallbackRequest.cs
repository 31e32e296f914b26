namespace Otklik.Domain;

public enum CallOutcome { Reached, NoAnswer, Busy, WrongNumber, CallBack }

/// <summary>
/// A customer's "call me back": the call task behind a Phone ticket. Due at the end of the
/// window the customer chose; every attempt is a timeline event on the ticket. The task is
/// open until someone reaches the customer (or learns the number is wrong).
/// </summary>
public sealed class CallbackRequest
{
    /// <summary>How long a "call back at" window lasts: the customer named a moment, not a range.</summary>
    public static readonly TimeSpan CallBackLength = TimeSpan.FromMinutes(30);

    public long Id { get; set; }
    public long TicketId { get; set; }
    public Ticket? Ticket { get; set; }
    /// <summary>E.164, e.g. +79161234567.</summary>
    public required string Phone { get; set; }
    /// <summary>The customer's IANA time zone, as their browser reported it.</summary>
    public required string TimeZone { get; set; }
    public DateTime WindowStart { get; set; }
    public DateTime WindowEnd { get; set; }
    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public CallOutcome? LastOutcome { get; set; }
    public DateTime? ReachedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Still to be called: nobody has reached the customer and the number was not found wrong.</summary>
    public bool IsOpen => LastOutcome is not (CallOutcome.Reached or CallOutcome.WrongNumber);

    public bool IsOverdue(DateTime now) => IsOpen && WindowEnd < now;

    /// <summary>Records one call on the ticket. "Call back at" moves the window to start at that moment.</summary>
    public void LogAttempt(Ticket ticket, CallOutcome outcome, DateTime? callBackAt, string? note, Actor actor, DateTime now)
    {
        if (outcome == CallOutcome.CallBack && callBackAt is null)
            throw new ArgumentException("A call-back attempt needs the new time.", nameof(callBackAt));
        Attempts++;
        LastAttemptAt = now;
        LastOutcome = outcome;
        string? oldWindow = null, newWindow = null;
        if (outcome == CallOutcome.CallBack)
        {
            oldWindow = CallOutcomes.Instant(WindowStart) + "/" + CallOutcomes.Instant(WindowEnd);
            WindowStart = callBackAt!.Value;
            WindowEnd = callBackAt.Value + CallBackLength;
            newWindow = CallOutcomes.Instant(WindowStart) + "/" + CallOutcomes.Instant(WindowEnd);
        }
        if (outcome == CallOutcome.Reached) ReachedAt = now;
        ticket.RecordCallAttempt(outcome, oldWindow, newWindow, note, actor, now);
    }
}

public static class CallOutcomes
{
    public static readonly CallOutcome[] All = Enum.GetValues<CallOutcome>();

    /// <summary>The wire name: "no_answer", "call_back" (Names.Of would give "noanswer").</summary>
    public static string Wire(CallOutcome outcome) => outcome switch
    {
        CallOutcome.NoAnswer => "no_answer",
        CallOutcome.WrongNumber => "wrong_number",
        CallOutcome.CallBack => "call_back",
        _ => "reached",
    };

    public static string Instant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed partial class Ticket
{
    /// <summary>A call to the customer, on the timeline; reaching them is the first response, like a reply.</summary>
    public void RecordCallAttempt(CallOutcome outcome, string? oldWindow, string? newWindow, string? note, Actor actor, DateTime now)
    {
        UpdatedAt = now;
        Record(actor, now, TimelineKinds.CallAttempt, CallOutcomes.Wire(outcome), oldWindow, newWindow, note);
        if (outcome == CallOutcome.Reached) FirstResponseAt ??= now;
        if (Status == TicketStatus.New) ChangeStatus(TicketStatus.Open, actor, now);
        Raise(new TicketChanged(this, "callback"));
    }
}
