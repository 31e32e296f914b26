using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Otklik.Infrastructure.Auth;

namespace Otklik.Infrastructure;

public static class RateLimits
{
    public const string Api = "api";
    public const string SignIn = "sign-in";
    public const string InboundMail = "inbound-mail";
    public const string Public = "public";
    public const string ChatSession = "chat-session";

    /// <summary>Per agent on the API (per IP before sign-in); a tight per-IP window on sign-in against password guessing.</summary>
    public static IServiceCollection AddOtklikRateLimits(this IServiceCollection services, RateLimitOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString();
                await TypedResults.Problem("Too many requests; slow down and retry after the time in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit").ExecuteAsync(ctx.HttpContext);
            };
            o.AddPolicy(Api, http => RateLimitPartition.GetFixedWindowLimiter(
                Caller.From(http.User) is { } caller ? $"agent:{caller.AgentId}" : $"ip:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ApiPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(SignIn, http => PerMinute(http, SignIn, $"ip:{http.Connection.RemoteIpAddress}", options.SignInPerMinute));
            o.AddPolicy(InboundMail, http => RateLimitPartition.GetFixedWindowLimiter(
                $"inbox:{http.Request.RouteValues["inboxId"]}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.InboundMailPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(Public, http => PerMinute(http, Public, $"ip:{http.Connection.RemoteIpAddress}", options.PublicPerMinute));
            o.AddPolicy(ChatSession, http => PerMinute(http, ChatSession, $"ip:{http.Connection.RemoteIpAddress}", options.ChatSessionsPerMinute));
        });
        return services;
    }

    /// <summary>
    /// A per-IP guard of a public endpoint. In cluster mode it counts in Redis, so two nodes behind a
    /// round-robin balancer do not double the allowance of a password guesser. The API (per signed-in agent)
    /// and the inbound mail endpoint (per inbox, behind a secret) stay per node: their callers are known,
    /// and their limits stop runaway clients, not attackers — N nodes allowing N times as much is harmless.
    /// </summary>
    private static RateLimitPartition<string> PerMinute(HttpContext http, string policy, string key, int limit)
    {
        var window = TimeSpan.FromMinutes(1);
        return http.RequestServices.GetService<Cluster.SharedCounter>() is { } shared
            ? RateLimitPartition.Get($"{policy}:{key}", k => new Cluster.SharedWindowLimiter(shared, k, limit, window))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window });
    }
}
