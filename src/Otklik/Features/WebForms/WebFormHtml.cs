using System.Text;
using static Otklik.Features.WebForms.PublicPage;

namespace Otklik.Features.WebForms;

/// <summary>The hosted form and its answers as HTML. Every value from outside is encoded: a script typed into a field shows as text.</summary>
public static class WebFormHtml
{
    public sealed record State(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string[]> Errors, bool HadFiles);

    public static readonly State Empty = new(new Dictionary<string, string>(), new Dictionary<string, string[]>(), false);

    public static string Path(string key) => $"/form/{key}";

    /// <summary>Where the form posts: the same page, keeping its language and embed flag.</summary>
    private static string Action(string path, bool russian, bool embed) => $"{path}?lang={(russian ? "ru" : "en")}{(embed ? "&embed=1" : "")}";

    public static string Form(FormDefinition form, bool russian, bool embed, string token, State state, int maxFiles)
    {
        var html = new StringBuilder();
        var general = state.Errors.TryGetValue("formToken", out var tokenErrors) ? tokenErrors[0]
            : state.Errors.Count > 0 ? FormTexts.T(russian, "FixBelow") : null;
        if (general is not null) html.Append($"<p class=\"alert\" role=\"alert\" data-test=\"form-alert\">{E(general)}</p>");
        html.Append($"<form method=\"post\" action=\"{E(Action(Path(form.Form.Key), russian, embed))}\" enctype=\"multipart/form-data\" data-test=\"web-form\">");
        foreach (var field in form.Fields) Field(html, field, russian, state);
        if (form.Form.AllowFiles) Files(html, form, russian, state, maxFiles);
        Hidden(html, token, russian);
        html.Append($"<button type=\"submit\" data-test=\"send\">{E(FormTexts.T(russian, "Send"))}</button></form>");
        if (form.Form.CallbackEnabled)
            html.Append($"<p class=\"hint\"><a href=\"{E(Action(Path(form.Form.Key) + "/callback", russian, embed))}\" data-test=\"callback-link\">{E(FormTexts.T(russian, "CallMeBack"))}</a></p>");
        return Render(form.Title, html.ToString(), russian, embed, Path(form.Form.Key));
    }

    /// <summary>The honeypot (people never see it) and the moment the form was shown.</summary>
    public static void Hidden(StringBuilder html, string token, bool russian) => html
        .Append($"<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-hp\">{E(FormTexts.T(russian, "Honeypot"))}</label>")
        .Append($"<input id=\"f-hp\" name=\"{SubmitWebForm.Honeypot}\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>")
        .Append($"<input type=\"hidden\" name=\"formToken\" value=\"{E(token)}\">");

    public static void Field(StringBuilder html, FieldView f, bool russian, State state)
    {
        var id = "f-" + f.Name.Replace('.', '-');
        var value = state.Values.GetValueOrDefault(f.Name) ?? "";
        var errors = state.Errors.GetValueOrDefault(f.Name);
        var attributes = $"id=\"{id}\" name=\"{E(f.Name)}\"{(f.Required ? " required" : "")}"
                         + (errors is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{id}-error\"");
        var label = $"{E(f.Label)}{(f.Required || f.Type == "checkbox" ? "" : $" <span class=\"opt\">({E(FormTexts.T(russian, "Optional"))})</span>")}";
        if (f.Type == "checkbox")
        {
            html.Append($"<label class=\"check\"><input type=\"checkbox\" value=\"true\" {attributes}{(value is "true" or "on" ? " checked" : "")}>{label}</label>");
        }
        else
        {
            html.Append($"<label for=\"{id}\">{label}</label>");
            var max = f.MaxLength is { } m ? $" maxlength=\"{m}\"" : "";
            switch (f.Type)
            {
                case "textarea": html.Append($"<textarea {attributes}{max}>{E(value)}</textarea>"); break;
                case "dropdown":
                    html.Append($"<select {attributes}><option value=\"\"></option>");
                    foreach (var o in f.Options ?? []) html.Append($"<option{(o == value ? " selected" : "")}>{E(o)}</option>");
                    html.Append("</select>");
                    break;
                default:
                    var type = f.Type switch { "email" => "email", "tel" => "tel", "number" => "number\" step=\"any", "date" => "date", _ => "text" };
                    var auto = f.Name switch { "name" => " autocomplete=\"name\"", "email" => " autocomplete=\"email\"", "phone" => " autocomplete=\"tel\"", _ => "" };
                    html.Append($"<input type=\"{type}\" {attributes}{max}{auto} value=\"{E(value)}\">");
                    break;
            }
        }
        foreach (var error in errors ?? []) html.Append($"<p class=\"error\" id=\"{id}-error\" data-test=\"field-error\" data-field=\"{E(f.Name)}\">{E(error)}</p>");
    }

    private static void Files(StringBuilder html, FormDefinition form, bool russian, State state, int maxFiles)
    {
        var errors = state.Errors.GetValueOrDefault("files");
        html.Append($"<label for=\"f-files\">{E(FormTexts.T(russian, "Files"))} <span class=\"opt\">({E(FormTexts.T(russian, "Optional"))})</span></label>")
            .Append($"<input id=\"f-files\" name=\"files\" type=\"file\" multiple{(errors is null ? "" : " aria-invalid=\"true\"")}>")
            .Append($"<p class=\"hint\">{E(FormTexts.T(russian, "FilesHint", maxFiles, FormTexts.Size(form.Form.MaxFileBytes, russian)))}</p>");
        foreach (var error in errors ?? []) html.Append($"<p class=\"error\" data-test=\"field-error\" data-field=\"files\">{E(error)}</p>");
        if (state.HadFiles && state.Errors.Count > 0) html.Append($"<p class=\"hint\">{E(FormTexts.T(russian, "FilesAgain"))}</p>");
    }

    public static string Thanks(FormDefinition form, SubmitWebForm.Filed filed, bool russian, bool embed)
    {
        var html = new StringBuilder();
        html.Append($"<p>{E(FormTexts.T(russian, "TicketNumber"))}:</p><p class=\"number\" data-test=\"ticket-number\">{filed.TicketNumber}</p>")
            .Append($"<p class=\"done\" data-test=\"expected\">{E(FormTexts.T(russian, "Expect", filed.ExpectedAnswer))}</p>")
            .Append($"<p class=\"hint\">{E(FormTexts.T(russian, "KeepNumber"))}</p>");
        if (filed.EmailCopyTo is { } to) html.Append($"<p data-test=\"email-copy\">{E(FormTexts.T(russian, "EmailCopy", to))}</p>");
        html.Append($"<p><a href=\"{E(Action(Path(form.Form.Key), russian, embed))}\">{E(FormTexts.T(russian, "SendAnother"))}</a></p>");
        return Render(FormTexts.T(russian, "ThankYou"), html.ToString(), russian, embed, Path(form.Form.Key));
    }

    public static string NotFound(bool russian, bool embed, string path) =>
        Render(FormTexts.T(russian, "NotFound"), $"<p>{E(FormTexts.T(russian, "NotFoundText"))}</p>", russian, embed, path);
}
