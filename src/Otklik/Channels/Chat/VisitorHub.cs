using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Channels.Chat;

/// <summary>
/// The visitor's live line: separate from the agents' hub, reachable only with a genuine visitor
/// token from an allowed origin (checked by <see cref="VisitorHubGate"/> before the connection
/// exists), and every method works on the caller's own visitor only — no method takes a
/// visitor, ticket or customer id from the client.
/// </summary>
public sealed class VisitorHub(OtklikDb db, VisitorSessions sessions, VisitorConversation conversation, VisitorPresence presence,
    ChatLimits limits, VisitorContacts contacts, ChatEnding ending, TimeProvider clock) : Hub
{
    public static string Group(string publicId) => "visitor:" + publicId;

    /// <summary>Every open widget of the visitors whose conversation is this ticket (one group per visitor, however many tabs).</summary>
    public static async Task<IClientProxy> WidgetsOfTicketAsync(IHubContext<VisitorHub> hub, OtklikDb db, long ticketId, CancellationToken ct) =>
        hub.Clients.Groups((await db.ChatVisitors.Where(v => v.TicketId == ticketId).Select(v => v.PublicId).ToListAsync(ct)).Select(Group).ToList());

    private long VisitorId => (long)Context.Items["visitor"]!;

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext()!;
        var widget = await WidgetEndpoints.FindAsync(db, http.Request.Query["key"].ToString(), Context.ConnectionAborted);
        var visitor = widget is null ? null : await sessions.ResolveAsync(widget, http.Request.Query["visitor"].ToString(), Context.ConnectionAborted);
        if (visitor is null)
        {
            Context.Abort();
            return;
        }
        Context.Items["visitor"] = visitor.Id;
        Context.Items["ip"] = http.Connection.RemoteIpAddress?.ToString();
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(visitor.PublicId));
        await Groups.AddToGroupAsync(Context.ConnectionId, AvailabilityPush.InboxGroup(visitor.InboxId));
        presence.Connect(Context.ConnectionId, visitor.Id);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Sends a message; the same <paramref name="clientId"/> again returns the stored message instead of a second one.</summary>
    public async Task<WidgetMessage> Send(string clientId, string text)
    {
        if (!await limits.TryMessageAsync(VisitorId, Context.Items["ip"] as string))
            throw new HubException("rate_limited: too many messages; wait a minute.");
        var result = await conversation.SendAsync(VisitorId, clientId, text, null, Context.ConnectionAborted);
        return result.Value ?? throw new HubException("invalid: " + result.Error!.Detail);
    }

    public Task<List<WidgetMessage>> History() => conversation.HistoryAsync(VisitorId, Context.ConnectionAborted);

    /// <summary>The visitor typing (true) or stopped (false); the agent on the ticket sees it.</summary>
    public async Task Typing(bool typing)
    {
        var ticketId = await db.ChatVisitors.Where(v => v.Id == VisitorId).Select(v => v.TicketId).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (ticketId is { } id) presence.SetTyping(id, typing, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The widget showed agent messages up to this id: they are delivered.</summary>
    public async Task Delivered(long upToMessageId)
    {
        var ticketId = await db.ChatVisitors.Where(v => v.Id == VisitorId).Select(v => v.TicketId).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (ticketId is null) return;
        await db.Messages
            .Where(m => m.TicketId == ticketId && m.Kind == MessageKind.Outbound && m.Id <= upToMessageId
                        && (m.DeliveryStatus == DeliveryStatus.Sent || m.DeliveryStatus == DeliveryStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, DeliveryStatus.Delivered), Context.ConnectionAborted);
    }

    /// <summary>The visitor ends the chat: the transcript goes to their email when known; the next message starts a new conversation.</summary>
    public async Task End()
    {
        var visitor = await db.ChatVisitors.Where(v => v.Id == VisitorId).Select(v => new { v.TicketId, v.CustomerId }).FirstAsync(Context.ConnectionAborted);
        if (visitor.TicketId is not { } ticketId) return; // nothing open: ending twice is harmless
        var result = await ending.EndAsync(ticketId, Actor.OfCustomer(visitor.CustomerId), Context.ConnectionAborted);
        if (result.Error is { Code: not "chat_not_active" } error) throw new HubException("invalid: " + error.Detail);
    }

    /// <summary>Name, email and/or phone from the pre-chat or "we'll answer by email" form.</summary>
    public async Task<VisitorContacts.Saved> Contact(string? name, string? email, string? phone)
    {
        var result = await contacts.SaveAsync(VisitorId, name, email, phone, Context.ConnectionAborted);
        return result.Value ?? throw new HubException("invalid: " + string.Join(" ", (result.Error as Error.Invalid)?.Fields.SelectMany(f => f.Value) ?? [result.Error!.Detail]));
    }
}
