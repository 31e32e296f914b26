using System.Diagnostics;
using Otklik.Domain;

namespace Otklik.Infrastructure;

/// <summary>Maps expected errors to ProblemDetails responses; the trace id is added centrally.</summary>
public static class Problems
{
    public static IResult ToProblem(this Error error) => error switch
    {
        Error.Invalid invalid => TypedResults.ValidationProblem(invalid.Fields, invalid.Detail,
            type: "https://otklik.dev/problems/validation", title: "Validation failed",
            extensions: Code(invalid.Code)),
        Error.NotFound nf => Problem(StatusCodes.Status404NotFound, "Not found", nf),
        Error.Stale stale => Problem(StatusCodes.Status409Conflict, "Stale version", stale,
            new Dictionary<string, object?> { ["currentVersion"] = stale.CurrentVersion }),
        Error.Conflict c => Problem(StatusCodes.Status409Conflict, "Conflict", c),
        Error.Forbidden f => Problem(StatusCodes.Status403Forbidden, "Forbidden", f),
        Error.Undeliverable u => Problem(StatusCodes.Status422UnprocessableEntity, "Reply cannot be delivered", u,
            new Dictionary<string, object?> { ["reason"] = u.Reason }),
        _ => throw new UnreachableException($"Unmapped error {error.GetType().Name}"),
    };

    public static IResult ToResult<T>(this Result<T> result, Func<T, IResult> ok) =>
        result.IsOk ? ok(result.Value!) : result.Error!.ToProblem();

    private static IResult Problem(int status, string title, Error error, Dictionary<string, object?>? extra = null)
    {
        var extensions = Code(error.Code);
        foreach (var (k, v) in extra ?? []) extensions[k] = v;
        return TypedResults.Problem(error.Detail, statusCode: status, title: title,
            type: $"https://otklik.dev/problems/{error.Code}", extensions: extensions);
    }

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
