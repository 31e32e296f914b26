using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Realtime;

namespace Otklik.Channels.Chat;

/// <summary>
/// Tells open widgets at once when the first agent comes online or the last one leaves, so a visitor is never
/// promised "2 minutes" by a chat nobody watches, nor asked for an email while an agent sits there (product rules
/// 4 and 5). Each widget's visitors get the promise of their inbox in both languages; the widget shows its own.
/// In cluster mode every node that sees the change sends it (the message sets state, so a repeat is harmless).
/// </summary>
public sealed class AvailabilityPush(AgentPresence agents, IHubContext<VisitorHub> hub, IServiceScopeFactory scopes, ILogger<AvailabilityPush> log)
    : IHostedService
{
    // Agents' circuits drop and come back within a second on a page reload: wait that long before telling visitors.
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(700);
    private readonly SemaphoreSlim _one = new(1, 1);
    private bool? _told;

    public static string InboxGroup(long inboxId) => "widget-inbox:" + inboxId;

    public Task StartAsync(CancellationToken ct)
    {
        agents.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        agents.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged() => _ = PushAsync();

    private async Task PushAsync()
    {
        try
        {
            await Task.Delay(Settle);
            await _one.WaitAsync();
            try
            {
                var online = agents.IsAnyoneOnline;
                if (_told == online) return;
                _told = online;
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OtklikDb>();
                var availability = scope.ServiceProvider.GetRequiredService<ChatAvailability>();
                foreach (var widget in await db.ChatWidgets.Include(w => w.Inbox).Where(w => w.Inbox!.IsActive).ToListAsync())
                {
                    var en = await availability.OfAsync(widget, russian: false, CancellationToken.None);
                    var ru = await availability.OfAsync(widget, russian: true, CancellationToken.None);
                    await hub.Clients.Group(InboxGroup(widget.InboxId)).SendAsync("availability", en.Online, en.Promise, ru.Promise);
                }
            }
            finally
            {
                _one.Release();
            }
        }
        catch (Exception ex)
        {
            // The widget still refreshes the promise when opened; a failed push only delays it.
            log.LogWarning(ex, "Could not push chat availability to widgets");
        }
    }
}
