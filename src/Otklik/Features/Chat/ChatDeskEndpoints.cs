using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features.Chat;

/// <summary>/api/v1 routes of the agents' chat desk; every one needs a signed-in agent who may see the ticket.</summary>
public static class ChatDeskEndpoints
{
    public sealed record AssignRequest(long? AgentId);

    public sealed record TransferRequest(long? AgentId, long? TeamId, string? Note);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/chats/queue", async (ChatDesk desk, HttpContext http, CancellationToken ct) => TypedResults.Ok(await desk.QueueAsync(http.Caller(), ct)))
            .WithName("ChatQueue").WithSummary("Live chats nobody has taken, longest waiting first, and the caller's seats");
        api.MapPost("/tickets/{id:long}/chat/accept", async (long id, ChatDesk desk, HttpContext http, CancellationToken ct) =>
                (await desk.AcceptAsync(id, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("AcceptChat").WithSummary("Take a chat, within the caller's chat limit");
        api.MapPost("/tickets/{id:long}/chat/assign", async (long id, AssignRequest r, ChatDesk desk, HttpContext http, CancellationToken ct) =>
                (await desk.AssignAsync(id, r.AgentId, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("AssignChat").WithSummary("Give a chat to a colleague, within their chat limit").ProducesValidationProblem();
        api.MapPost("/tickets/{id:long}/chat/transfer", async (long id, TransferRequest r, ChatDesk desk, HttpContext http, CancellationToken ct) =>
                (await desk.TransferAsync(id, r.AgentId, r.TeamId, r.Note, http.Caller(), ct)).ToResult(TypedResults.Ok))
            .WithName("TransferChat").WithSummary("Transfer a chat to a colleague or a team with a note; the visitor is told").ProducesValidationProblem();
        api.MapPost("/tickets/{id:long}/chat/end", async (long id, ChatDesk desk, HttpContext http, CancellationToken ct) =>
                (await desk.EndAsync(id, http.Caller(), ct)).ToResult(_ => TypedResults.NoContent()))
            .WithName("EndChat").WithSummary("End the live chat; the transcript goes to the customer's email");
    }
}
