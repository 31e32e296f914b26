using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Channels.Chat;
using Otklik.Data;
using Otklik.Tests.TestSupport;

namespace Otklik.Tests.Cluster;

/// <summary>An agent's chat limit is one limit for the whole cluster, however the balancer spreads their clicks.</summary>
public sealed class ClusterChatLimitTests(TwoNodes f) : IClassFixture<TwoNodes>
{
    /// <summary>A visitor on the given node writes, which opens a chat ticket waiting in the queue.</summary>
    private static async Task<long> NewChatAsync(OtklikApp node, string key, int i)
    {
        var (_, session) = await TwoNodes.SessionAsync(node, key);
        await using var visitor = await TwoNodes.VisitorAsync(node, key, session.Str("token"));
        var sent = await visitor.InvokeAsync<WidgetMessage>("Send", "c-" + AppFixture.Unique(), $"Вопрос {i}");
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OtklikDb>().Messages.Where(m => m.Id == sent.Id).Select(m => m.TicketId).SingleAsync();
    }

    [Fact]
    public async Task ConcurrentAccepts_OnBothNodes_StopAtTheAgentsLimit()
    {
        var (key, _) = await f.CreateWidgetAsync();
        var (agentId, token) = await f.CreateAgentAsync();
        await f.AdminA.PatchJsonAsync($"/api/v1/agents/{agentId}", new { chatLimit = 2 }).ShouldBe(HttpStatusCode.OK);
        var chats = new List<long>();
        for (var i = 0; i < 6; i++) chats.Add(await NewChatAsync(i % 2 == 0 ? f.A : f.B, key, i));
        using var onA = f.A.WithToken(token);
        using var onB = f.B.WithToken(token);

        // All six at once, half through each node: only the lock in the shared database can keep the count honest.
        var answers = await Task.WhenAll(chats.Select((id, i) => (i % 2 == 0 ? onA : onB).PostAsync($"/api/v1/tickets/{id}/chat/accept", null)));

        Assert.Equal(2, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(4, refused.Count);
        foreach (var r in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("chat_limit", await r.Content.ReadAsStringAsync());
        }
        var queue = await onB.GetAsync("/api/v1/chats/queue").Json(HttpStatusCode.OK);
        Assert.Equal(2, queue.GetProperty("held").GetInt32());
    }
}
