using Otklik.Channels.Email;
using Otklik.Domain;
using Otklik.Realtime;

namespace Otklik.Channels.Chat;

/// <param name="Online">Someone has the workspace open now.</param>
/// <param name="Promise">"within 2 minutes" / "в течение 24 часов": when the visitor will hear from us.</param>
public sealed record Availability(bool Online, string Promise);

/// <summary>
/// What the widget promises (product rules 4 and 5): while agents are online, how fast this
/// inbox really answers (the same honest estimate the email acknowledgment quotes); when
/// nobody is, when they will answer, and the widget asks for an email so nobody waits on a dead chat.
/// </summary>
public sealed class ChatAvailability(AgentPresence agents, ResponseTimePromise promise)
{
    public async Task<Availability> OfAsync(ChatWidget widget, bool russian, CancellationToken ct)
    {
        if (!agents.IsAnyoneOnline)
            return new Availability(false, NoticeTexts.Within(TimeSpan.FromHours(Math.Max(1, widget.OfflineReplyHours)), russian));
        var time = await promise.EstimateAsync(widget.InboxId, TimeSpan.FromMinutes(Math.Max(1, widget.OnlineReplyMinutes)), ct);
        return new Availability(true, NoticeTexts.Within(time, russian, stepMinutes: 1));
    }
}
