using Microsoft.AspNetCore.SignalR;

// The chat benchmark's baseline: the same client traffic as the visitor hub, without Otklik behind it.
// Visitors connect to /hubs/echo and call Send(clientId, text); the hub gives the message an id, tells every
// connection that joined with ?role=agent (the "agents" group, as the workspace hub does) and returns the message.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
var app = builder.Build();
app.UseWebSockets();
app.MapGet("/health/live", () => "ok");
app.MapHub<EchoHub>("/hubs/echo");
app.Run();

public sealed record LiveEvent(string Kind, long TicketId, string Status, long? AssigneeId, long? TeamId, long? MessageId = null, long? ActorAgentId = null);

public sealed record EchoMessage(long Id, string From, string? Author, string Text, DateTime At, string? ClientId);

public sealed class EchoHub : Hub
{
    private static long _nextId;

    public override async Task OnConnectedAsync()
    {
        if (Context.GetHttpContext()?.Request.Query["role"].ToString() == "agent") await Groups.AddToGroupAsync(Context.ConnectionId, "agents");
        await base.OnConnectedAsync();
    }

    public async Task<EchoMessage> Send(string clientId, string text)
    {
        var id = Interlocked.Increment(ref _nextId);
        await Clients.Group("agents").SendAsync("ticket", new LiveEvent("message.added", id, "open", null, null, id, null));
        return new EchoMessage(id, "visitor", null, text, DateTime.UtcNow, clientId);
    }
}
