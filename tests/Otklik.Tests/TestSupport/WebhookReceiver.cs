using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Otklik.Tests.TestSupport;

/// <summary>A real HTTP endpoint on loopback that records what it is sent and answers with a chosen status.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public sealed record Delivery(string Event, string DeliveryId, string Signature, string Body);

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<Delivery> Received { get; } = new();
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public async Task<Delivery> WaitForAsync(Func<Delivery, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Received.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching delivery; got: {string.Join(", ", Received.Select(d => d.Event))}");
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(new Delivery(ctx.Request.Headers["X-Otklik-Event"] ?? "", ctx.Request.Headers["X-Otklik-Delivery"] ?? "",
                ctx.Request.Headers["X-Otklik-Signature"] ?? "", body));
            ctx.Response.StatusCode = (int)Answer;
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
