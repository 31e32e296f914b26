using System.Text;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.WebForms;
using Otklik.Infrastructure;
using static Otklik.Features.WebForms.PublicPage;

namespace Otklik.Features.Callbacks;

/// <summary>
/// The hosted «Перезвоните мне» page, /form/{key}/callback. Without script the customer picks the
/// time zone from a list (Moscow first); with script the browser's own zone is chosen for them.
/// </summary>
public static class CallbackPage
{
    /// <summary>Russia's zones west to east, then UTC: the list a page without script offers.</summary>
    private static readonly string[] Zones =
    [
        "Europe/Moscow", "Europe/Kaliningrad", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka", "UTC",
    ];

    // Chooses the browser's zone (adding it to the list when it is not there); nothing else depends on script.
    private const string ZoneScript =
        "(function(){var z=Intl.DateTimeFormat().resolvedOptions().timeZone,s=document.getElementById('f-timeZone');"
        + "if(!z||!s||s.dataset.kept==='1')return;if(![].some.call(s.options,function(o){return o.value===z})){var o=document.createElement('option');o.value=o.textContent=z;s.add(o)}s.value=z})();";

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/{key}/callback", async (string key, HttpContext http, OtklikDb db, FormToken tokens, TimeProvider clock, CancellationToken ct) =>
        {
            var (ru, embed) = (Russian(http), Embedded(http));
            UseLanguage(ru);
            var form = await FormDefinition.LoadAsync(db, key, callback: true, ru, ct);
            if (form is null) return Html(WebFormHtml.NotFound(ru, embed, Path(key)), StatusCodes.Status404NotFound);
            var today = clock.GetUtcNow().UtcDateTime.AddHours(3).ToString("yyyy-MM-dd"); // Moscow's today; the picker shows the rest
            return Html(Page(form, ru, embed, tokens.Issue(form.Form.Id), new Dictionary<string, string> { ["date"] = today }, new Dictionary<string, string[]>()));
        });
        pages.MapPost("/{key}/callback", async (string key, HttpContext http, OtklikDb db, FormToken tokens, RequestCallback.Handler handler, CancellationToken ct) =>
        {
            var (ru, embed) = (Russian(http), Embedded(http));
            UseLanguage(ru);
            var form = await FormDefinition.LoadAsync(db, key, callback: true, ru, ct);
            if (form is null) return Html(WebFormHtml.NotFound(ru, embed, Path(key)), StatusCodes.Status404NotFound);
            var posted = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : FormCollection.Empty;
            string? Get(string name) => posted.TryGetValue(name, out var v) ? v.ToString() : null;
            var input = new RequestCallback.Input(Get("name"), Get("phone"), Get("date"), Get("from"), Get("to"), Get("timeZone"), Get("comment"),
                Get("formToken"), Get(SubmitWebForm.Honeypot));
            var result = await handler.HandleAsync(form, input, ru, ct);
            if (result.IsOk) return Html(Done(form, result.Value!, ru, embed));
            if (result.Error is not Error.Invalid invalid) return result.Error!.ToProblem();
            var token = invalid.Fields.ContainsKey("formToken") && tokens.Check(input.FormToken, form.Form.Id) != TokenCheck.TooFast
                ? tokens.Issue(form.Form.Id) : input.FormToken!;
            var values = posted.Where(p => p.Key is not ("formToken" or SubmitWebForm.Honeypot)).ToDictionary(p => p.Key, p => p.Value.ToString());
            return Html(Page(form, ru, embed, token, values, invalid.Fields), StatusCodes.Status400BadRequest);
        });
    }

    private static string Path(string key) => $"/form/{key}/callback";

    private static string Page(FormDefinition form, bool ru, bool embed, string token, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string[]> errors)
    {
        var state = new WebFormHtml.State(values, errors, false);
        var html = new StringBuilder($"<p>{E(FormTexts.T(ru, "CallbackIntro"))}</p>");
        if (errors.Count > 0)
            html.Append($"<p class=\"alert\" role=\"alert\" data-test=\"form-alert\">{E(errors.TryGetValue("formToken", out var t) ? t[0] : FormTexts.T(ru, "FixBelow"))}</p>");
        html.Append($"<form method=\"post\" action=\"{E(Path(form.Form.Key))}?lang={(ru ? "ru" : "en")}{(embed ? "&amp;embed=1" : "")}\" data-test=\"callback-form\">");
        WebFormHtml.Field(html, new FieldView("name", FormTexts.T(ru, "Name"), "text", true, FormDefinition.NameLimit), ru, state);
        WebFormHtml.Field(html, new FieldView("phone", FormTexts.T(ru, "Phone"), "tel", true, PhoneNumber.MaxInputLength), ru, state);
        WebFormHtml.Field(html, new FieldView("date", FormTexts.T(ru, "Date"), "date", true), ru, state);
        html.Append("<div class=\"row\"><div>");
        Time(html, "from", FormTexts.T(ru, "From"), values.GetValueOrDefault("from") ?? "10:00", errors);
        html.Append("</div><div>");
        Time(html, "to", FormTexts.T(ru, "To"), values.GetValueOrDefault("to") ?? "18:00", errors);
        html.Append("</div></div>");
        ZoneList(html, ru, values.GetValueOrDefault("timeZone"), errors);
        WebFormHtml.Field(html, new FieldView("comment", FormTexts.T(ru, "Comment"), "textarea", false, FormDefinition.CommentLimit), ru, state);
        WebFormHtml.Hidden(html, token, ru);
        html.Append($"<button type=\"submit\" data-test=\"request-call\">{E(FormTexts.T(ru, "RequestCall"))}</button></form>");
        return Render(FormTexts.T(ru, "CallMeBack"), html.ToString(), ru, embed, Path(form.Form.Key), ZoneScript);
    }

    private static void Time(StringBuilder html, string name, string label, string value, IReadOnlyDictionary<string, string[]> errors)
    {
        html.Append($"<label for=\"f-{name}\">{E(label)}</label><input type=\"time\" id=\"f-{name}\" name=\"{name}\" required value=\"{E(value)}\"")
            .Append(errors.ContainsKey(name) ? " aria-invalid=\"true\">" : ">");
        foreach (var e in errors.GetValueOrDefault(name) ?? []) html.Append($"<p class=\"error\" data-test=\"field-error\" data-field=\"{name}\">{E(e)}</p>");
    }

    private static void ZoneList(StringBuilder html, bool ru, string? chosen, IReadOnlyDictionary<string, string[]> errors)
    {
        var zones = chosen is { Length: > 0 } && !Zones.Contains(chosen) ? Zones.Append(chosen) : Zones;
        // A zone the customer already chose (the form came back with errors) is kept, not replaced by the browser's.
        html.Append($"<label for=\"f-timeZone\">{E(FormTexts.T(ru, "TimeZone"))}</label><select id=\"f-timeZone\" name=\"timeZone\"{(chosen is { Length: > 0 } ? " data-kept=\"1\"" : "")}>");
        foreach (var z in zones) html.Append($"<option{(z == (chosen ?? Zones[0]) ? " selected" : "")}>{E(z)}</option>");
        html.Append("</select>");
        foreach (var e in errors.GetValueOrDefault("timeZone") ?? []) html.Append($"<p class=\"error\" data-test=\"field-error\" data-field=\"timeZone\">{E(e)}</p>");
    }

    private static string Done(FormDefinition form, RequestCallback.Requested r, bool ru, bool embed)
    {
        var html = new StringBuilder();
        html.Append($"<p>{E(FormTexts.T(ru, "TicketNumber"))}:</p><p class=\"number\" data-test=\"ticket-number\">{r.TicketNumber}</p>")
            .Append($"<p class=\"done\" data-test=\"callback-when\">{E(FormTexts.T(ru, "CallbackWhen", PhoneNumber.Display(r.Phone), r.When, r.TimeZone))}</p>");
        if (r.Warning is { } warning) html.Append($"<p class=\"alert\" data-test=\"callback-warning\">{E(warning)}</p>");
        return Render(FormTexts.T(ru, "CallbackDone"), html.ToString(), ru, embed, Path(form.Form.Key));
    }
}
