using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Channels.Chat;

/// <summary>A visitor's message (text and/or uploaded files) on its way to the conversation's ticket.</summary>
public sealed record VisitorSend(long VisitorId, string ClientId, string Text, IReadOnlyList<Attachment> Files);

/// <summary>
/// Group commit for visitors' chat messages (<see cref="GroupCommit{TItem,TResult}"/>): at a few hundred messages a
/// second a transaction per message is what saturates the database (on SQLite every one waits for the single
/// writer), so up to 32 visitors' messages share one. One visitor's messages never share a transaction: the first
/// one may open the ticket the next one continues. One worker, so one visitor's messages are stored in order.
/// </summary>
public sealed class VisitorMessages(IServiceScopeFactory scopes, ILogger<VisitorMessages> log)
    : GroupCommit<VisitorSend, WidgetMessage>(scopes, log, workers: 1, mostPerTransaction: 32)
{
    protected override IReadOnlyCollection<string>? Touches(VisitorSend send) => ["visitor:" + send.VisitorId];

    protected override Task<Func<WidgetMessage>> StageAsync(IServiceProvider services, VisitorSend send, CancellationToken ct) =>
        services.GetRequiredService<VisitorConversation>().StageAsync(send, ct);

    protected override Task<WidgetMessage> AloneAsync(IServiceProvider services, VisitorSend send, CancellationToken ct) =>
        services.GetRequiredService<VisitorConversation>().StoreAloneAsync(send, ct);

    protected override void Reset(VisitorSend send) => VisitorConversation.Forget(send.Files);
}
