using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.WebForms;

/// <summary>
/// The hosted contact page /form/{key}: no sign-in, no script, no cookies (so it works inside
/// an iframe on any site); a refused form comes back with the customer's answers and the
/// reasons next to the fields.
/// </summary>
public static class WebFormPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/form").AllowAnonymous().RequireRateLimiting(RateLimits.Public).ExcludeFromDescription().DisableAntiforgery();
        pages.MapGet("/{key}", ShowAsync);
        pages.MapPost("/{key}", SendAsync);
        Callbacks.CallbackPage.Map(pages);
    }

    private static async Task<IResult> ShowAsync(string key, HttpContext http, OtklikDb db, FormToken tokens, IOptions<WebFormOptions> options, CancellationToken ct)
    {
        var ru = PublicPage.Russian(http);
        PublicPage.UseLanguage(ru);
        var embed = PublicPage.Embedded(http);
        var form = await FormDefinition.LoadAsync(db, key, callback: false, ru, ct);
        if (form is null) return PublicPage.Html(WebFormHtml.NotFound(ru, embed, WebFormHtml.Path(key)), StatusCodes.Status404NotFound);
        return PublicPage.Html(WebFormHtml.Form(form, ru, embed, tokens.Issue(form.Form.Id), WebFormHtml.Empty, options.Value.MaxFiles));
    }

    private static async Task<IResult> SendAsync(string key, HttpContext http, OtklikDb db, FormToken tokens, SubmitWebForm.Handler handler,
        IOptions<WebFormOptions> options, CancellationToken ct)
    {
        var ru = PublicPage.Russian(http);
        PublicPage.UseLanguage(ru);
        var embed = PublicPage.Embedded(http);
        var form = await FormDefinition.LoadAsync(db, key, callback: false, ru, ct);
        if (form is null) return PublicPage.Html(WebFormHtml.NotFound(ru, embed, WebFormHtml.Path(key)), StatusCodes.Status404NotFound);
        var posted = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
        var (input, files) = Read(posted);
        var result = await handler.HandleAsync(form, input, files, ru, ct);
        if (result.IsOk) return PublicPage.Html(WebFormHtml.Thanks(form, result.Value!, ru, embed));
        if (result.Error is not Error.Invalid invalid) return result.Error!.ToProblem();
        // A too-fast send keeps its token, so pressing the button again goes through; a missing or stale one is replaced.
        var token = invalid.Fields.TryGetValue("formToken", out _) && tokens.Check(input.FormToken, form.Form.Id) != TokenCheck.TooFast
            ? tokens.Issue(form.Form.Id) : input.FormToken!;
        var values = posted.Where(p => p.Key is not ("formToken" or SubmitWebForm.Honeypot)).ToDictionary(p => p.Key, p => p.Value.ToString());
        var state = new WebFormHtml.State(values, invalid.Fields, files.Count > 0);
        var status = invalid.Fields.ContainsKey("files") && files.Any(f => f.Length > form.Form.MaxFileBytes)
            ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        return PublicPage.Html(WebFormHtml.Form(form, ru, embed, token, state, options.Value.MaxFiles), status);
    }

    /// <summary>
    /// A posted HTML form (the hosted page, or a site's own multipart post) as the handler's input.
    /// Custom fields arrive as "customFields.{key}" text; the handler reads them by the field's type.
    /// </summary>
    public static (SubmitWebForm.Input Input, List<SubmitWebForm.FileInput> Files) Read(IFormCollection posted)
    {
        string? Get(string name) => posted.TryGetValue(name, out var v) ? v.ToString() : null;
        var custom = posted.Where(p => p.Key.StartsWith("customFields.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["customFields.".Length..], p => JsonSerializer.SerializeToElement(p.Value.ToString()));
        var input = new SubmitWebForm.Input(Get("name"), Get("email"), Get("phone"), Get("subject"), Get("message"), custom,
            Get("formToken"), Get(SubmitWebForm.Honeypot));
        // An empty file input still sends a part without a name; that is "no file", not a file.
        var files = posted.Files.Where(f => f.Length > 0 || f.FileName.Length > 0)
            .Select(f => new SubmitWebForm.FileInput(f.FileName, f.ContentType, f.Length, f.OpenReadStream)).ToList();
        return (input, files);
    }
}
