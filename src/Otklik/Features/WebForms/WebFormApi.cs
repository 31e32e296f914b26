using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.WebForms;

/// <summary>
/// The form for sites that post themselves: GET the definition (fields, limits and a form token),
/// show it, then POST the answers as JSON or multipart (with files). Anonymous, rate-limited per IP,
/// callable from any origin (no cookies are involved, so CORS "*" exposes nothing).
/// </summary>
public static class WebFormApi
{
    public sealed record DefinitionDto(string Key, string Title, string Language, IReadOnlyList<FieldView> Fields, bool AllowFiles,
        long MaxFileBytes, int MaxFiles, string FormToken, double MinimumFillSeconds, bool CallbackEnabled);

    public sealed record FiledDto(long TicketNumber, string ExpectedAnswer, DateTime ExpectedBy, string? EmailCopyTo);

    public static void Map(IEndpointRouteBuilder root)
    {
        var forms = root.MapGroup("/forms").WithTags("Web forms").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .DisableAntiforgery().AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
                return await next(context);
            });
        forms.MapGet("/{key}", DefinitionAsync).WithName("GetWebForm").WithSummary("The form's fields, limits and a form token to send back")
            .Produces<DefinitionDto>().ProducesProblem(StatusCodes.Status404NotFound);
        forms.MapPost("/{key}", SubmitAsync).WithName("SubmitWebForm")
            .WithSummary("Send the form as JSON, or as multipart/form-data with files; 201 with the ticket number and the expected answer time")
            .Produces<FiledDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        forms.MapMethods("/{key}", ["OPTIONS"], Preflight).ExcludeFromDescription();
        forms.MapMethods("/{key}/callback", ["OPTIONS"], Preflight).ExcludeFromDescription();
        Callbacks.RequestCallback.Map(forms);
    }

    private static IResult Preflight(HttpContext http)
    {
        http.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = "Content-Type, Accept-Language";
        http.Response.Headers.AccessControlMaxAge = "86400";
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DefinitionAsync(string key, HttpContext http, OtklikDb db, FormToken tokens, IOptions<WebFormOptions> options, CancellationToken ct)
    {
        var ru = PublicPage.Russian(http);
        var form = await FormDefinition.LoadAsync(db, key, callback: false, ru, ct);
        if (form is null) return new Error.NotFound("Form").ToProblem();
        return TypedResults.Ok(new DefinitionDto(key, form.Title, ru ? "ru" : "en", form.Fields, form.Form.AllowFiles, form.Form.MaxFileBytes,
            options.Value.MaxFiles, tokens.Issue(form.Form.Id), options.Value.MinimumFillSeconds, form.Form.CallbackEnabled));
    }

    private static async Task<IResult> SubmitAsync(string key, HttpContext http, OtklikDb db, SubmitWebForm.Handler handler, CancellationToken ct)
    {
        var ru = PublicPage.Russian(http);
        PublicPage.UseLanguage(ru);
        var form = await FormDefinition.LoadAsync(db, key, callback: false, ru, ct);
        if (form is null) return new Error.NotFound("Form").ToProblem();
        SubmitWebForm.Input? input;
        List<SubmitWebForm.FileInput> files = [];
        if (http.Request.HasFormContentType)
            (input, files) = WebFormPage.Read(await http.Request.ReadFormAsync(ct));
        else if (http.Request.HasJsonContentType())
            input = await ReadJsonAsync<SubmitWebForm.Input>(http, ct);
        else
            return TypedResults.Problem("Send the form as application/json or multipart/form-data.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        if (input is null) return new Error.Invalid("body", Validation.Say("The body is empty.", "Тело запроса пустое.")).ToProblem();
        return (await handler.HandleAsync(form, input, files, ru, ct)).ToResult(filed =>
            TypedResults.Json(new FiledDto(filed.TicketNumber, filed.ExpectedAnswer, filed.ExpectedBy, filed.EmailCopyTo), statusCode: StatusCodes.Status201Created));
    }

    /// <summary>Bad JSON is the client's mistake: the central handler turns it into a 400 that says where.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpContext http, CancellationToken ct)
    {
        try
        {
            return await http.Request.ReadFromJsonAsync<T>(ct);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
    }
}
