using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Channels.Chat;

/// <summary>A visitor with a live chat: their hub connection, what the hub told them, and the chat's ticket.</summary>
public sealed record LiveChat(HubConnection Hub, long TicketId, ConcurrentQueue<(string Event, string Arg)> Told) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

public static class ChatDeskKit
{
    /// <summary>A new visitor on the widget who writes <paramref name="text"/>, which opens a chat ticket.</summary>
    public static async Task<LiveChat> StartChatAsync(this ChatApp f, string key, string text)
    {
        var token = (await f.SessionAsync(key)).Str("token");
        var hub = await f.ConnectAsync(key, token);
        var told = new ConcurrentQueue<(string, string)>();
        hub.On<string>("ended", by => told.Enqueue(("ended", by)));
        hub.On<string>("transferred", to => told.Enqueue(("transferred", to)));
        hub.On<string>("joined", who => told.Enqueue(("joined", who)));
        var sent = await hub.InvokeAsync<WidgetMessage>("Send", Guid.NewGuid().ToString("N"), text);
        return new LiveChat(hub, await f.TicketOfMessageAsync(sent.Id), told);
    }

    public static async Task<long> TicketOfMessageAsync(this ChatApp f, long messageId)
    {
        using var scope = f.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages.Where(m => m.Id == messageId).Select(m => m.TicketId).SingleAsync();
    }

    public static async Task<T> DbAsync<T>(this ChatApp f, Func<OtklikDb, Task<T>> query)
    {
        using var scope = f.App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<OtklikDb>());
    }
}
