using Otklik.Domain;

namespace Otklik.Channels.Chat;

public sealed record WidgetFile(long Id, string Name, string ContentType, long Size);

/// <summary>
/// A message as the widget shows it: text only (the widget escapes it), who wrote it, and the
/// widget's own id for the visitor's messages so a retried send matches its stored copy.
/// </summary>
public sealed record WidgetMessage(long Id, string From, string? Author, string Text, DateTime At, string? ClientId,
    IReadOnlyList<WidgetFile> Files, string Status)
{
    public static WidgetMessage Of(Message m, string? clientId = null) => new(
        m.Id, m.Kind == MessageKind.Inbound ? "visitor" : "agent",
        m.Kind == MessageKind.Inbound ? null : Names.FirstName(m.AuthorAgent?.Name),
        m.BodyText, m.CreatedAt, clientId,
        m.Attachments.Select(a => new WidgetFile(a.Id, a.FileName, a.ContentType, a.Size)).ToList(),
        Names.Of(m.DeliveryStatus));
}
