using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Otklik.Infrastructure;

/// <summary>Every error leaves as ProblemDetails with a trace id; bad requests say what was wrong.</summary>
public static class ErrorHandling
{
    public static IServiceCollection AddOtklikProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Malformed JSON, a value of the wrong type or a body over the size limit: the client's fault, said plainly.</summary>
    private sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var status = bad.StatusCode;
            http.Response.StatusCode = status;
            var limit = http.RequestServices.GetRequiredService<IOptions<OtklikOptions>>().Value.MaxRequestBodyBytes;
            var detail = status == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than the limit of {limit} bytes."
                : bad.InnerException is System.Text.Json.JsonException json
                    ? Describe(json)
                    : bad.Message;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status, Title = status == 413 ? "Payload too large" : "Bad request", Detail = detail },
            });
        }

        // System.Text.Json's own message names our internal types; say it in the client's terms instead.
        private static string Describe(System.Text.Json.JsonException json) =>
            json.Path is { Length: > 1 } path
                ? $"The value of '{path.TrimStart('$', '.')}' has the wrong type (line {json.LineNumber + 1}, position {json.BytePositionInLine})."
                : $"The body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine}).";
    }
}
