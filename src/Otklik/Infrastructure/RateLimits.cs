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
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                $"ip:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(InboundMail, http => RateLimitPartition.GetFixedWindowLimiter(
                $"inbox:{http.Request.RouteValues["inboxId"]}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.InboundMailPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(Public, http => RateLimitPartition.GetFixedWindowLimiter(
                $"ip:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(ChatSession, http => RateLimitPartition.GetFixedWindowLimiter(
                $"ip:{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ChatSessionsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
