using System.Globalization;
using System.Net;
using System.Text;

namespace Otklik.Features.WebForms;

/// <summary>
/// The frame of the customer-facing pages (web form, callback request): plain server-made HTML
/// that works without script, in Russian or English, embeddable in an iframe.
/// </summary>
public static class PublicPage
{
    /// <summary>?lang= first (the page's own switch), then the browser's languages in order of preference; English otherwise.</summary>
    public static bool Russian(HttpContext http)
    {
        var asked = http.Request.Query["lang"].ToString();
        if (asked is "ru" or "en") return asked == "ru";
        foreach (var language in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var code = language.Value.Value ?? "";
            if (code.StartsWith("ru", StringComparison.OrdinalIgnoreCase)) return true;
            if (code.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return false;
    }

    /// <summary>Validation messages (Validation.Say) follow the page's language, not only the request's.</summary>
    public static void UseLanguage(bool russian)
    {
        var culture = CultureInfo.GetCultureInfo(russian ? "ru" : "en");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public static bool Embedded(HttpContext http) => http.Request.Query["embed"] == "1";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The same page in the other language, keeping the embed flag.</summary>
    private static string Switch(string path, bool russian, bool embed) =>
        $"<nav class=\"lang\" aria-label=\"{(russian ? "Язык" : "Language")}\">"
        + (russian ? "<strong lang=\"ru\">RU</strong>" : $"<a href=\"{E(path)}?lang=ru{(embed ? "&amp;embed=1" : "")}\" lang=\"ru\" hreflang=\"ru\" data-test=\"lang-ru\">RU</a>")
        + " · "
        + (russian ? $"<a href=\"{E(path)}?lang=en{(embed ? "&amp;embed=1" : "")}\" lang=\"en\" hreflang=\"en\" data-test=\"lang-en\">EN</a>" : "<strong lang=\"en\">EN</strong>")
        + "</nav>";

    public static string Render(string title, string body, bool russian, bool embed, string path, string? script = null)
    {
        var html = new StringBuilder();
        html.Append($"<!doctype html><html lang=\"{(russian ? "ru" : "en")}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append($"<title>{E(title)}</title><style>{Style}</style></head>")
            .Append($"<body class=\"{(embed ? "embed" : "")}\"><main>{Switch(path, russian, embed)}<h1>{E(title)}</h1>{body}</main>");
        if (script is not null) html.Append("<script>").Append(script).Append("</script>");
        return html.Append("</body></html>").ToString();
    }

    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        new PageResult(html, status);

    /// <summary>Never cached: the form carries the moment it was shown (the time-to-fill check).</summary>
    private sealed class PageResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status).ExecuteAsync(http);
        }
    }

    // The honeypot sits far off-screen rather than display:none, which some bots skip.
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2330;background:#f6f7f9;margin:0;line-height:1.45}"
        + "main{max-width:38rem;margin:2.5rem auto;padding:1.5rem 1.75rem;background:#fff;border:1px solid #dde1e7;border-radius:10px}"
        + "body.embed{background:transparent}body.embed main{margin:0;border:0;padding:.5rem}"
        + "h1{font-size:1.45rem;margin:.2rem 0 1rem}.lang{float:right;font-size:.85rem;color:#5b6475}"
        + "label{display:block;font-weight:600;margin:.9rem 0 .25rem}.opt{font-weight:400;color:#5b6475;font-size:.85rem}"
        + "input,select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem .6rem;border:1px solid #b9c0cc;border-radius:6px}"
        + "input[type=checkbox]{width:auto;margin-right:.4rem}.check{display:flex;align-items:center;font-weight:400}"
        + "textarea{min-height:8rem;resize:vertical}.row{display:flex;gap:.75rem}.row>div{flex:1}"
        + "button{margin-top:1.2rem;padding:.6rem 1.4rem;font:inherit;font-weight:600;color:#fff;background:#2456c6;border:0;border-radius:6px;cursor:pointer}"
        + ".error{color:#b3261e;font-size:.9rem;margin:.2rem 0 0}.alert{background:#fdf0ef;border:1px solid #efc3c0;color:#8c231e;padding:.6rem .8rem;border-radius:6px}"
        + ".hint{color:#5b6475;font-size:.85rem;margin:.2rem 0 0}.done{font-size:1.1rem}.number{font-size:1.6rem;font-weight:700}"
        + ".hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}"
        + "[aria-invalid=true]{border-color:#b3261e}";
}
