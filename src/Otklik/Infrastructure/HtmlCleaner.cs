using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Otklik.Infrastructure;

/// <summary>
/// The only way HTML from outside enters Otklik: scripts, event handlers, javascript:
/// URLs, iframes and forms are removed before anything is stored. Inline mail images
/// (cid: and data:image) are kept so the message can show them in place. Inline styles go
/// through <see cref="InlineStyle"/> instead of the sanitizer's CSS engine: mail puts a style
/// on nearly every element and parsing each with a full CSS parser was half the cleaning cost.
/// </summary>
public sealed partial class HtmlCleaner
{
    private readonly HtmlSanitizer _sanitizer;

    public HtmlCleaner()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel", "cid" }) _sanitizer.AllowedSchemes.Add(scheme);
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedTags.Remove("select");
        // Mail carries small images inline as data: URLs; only raster images in <img src> pass,
        // never data: links (which open as pages) or SVG (which can carry script).
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null && e.Tag is { TagName: "IMG" } img && img.GetAttribute("src") == e.OriginalUrl && IsInlineImage(e.OriginalUrl))
                e.SanitizedUrl = e.OriginalUrl;
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a)
            {
                a.SetAttribute("rel", "noopener noreferrer nofollow");
                a.SetAttribute("target", "_blank");
            }
        };
    }

    public string Clean(string html)
    {
        using var document = new HtmlParser().ParseDocument("<html><body>" + html);
        var body = document.Body!;
        var styles = new List<(IElement Element, string Style)>();
        foreach (var element in body.QuerySelectorAll("[style]"))
        {
            if (InlineStyle.Clean(element.GetAttribute("style"), _sanitizer.AllowedCssProperties) is { } style)
                styles.Add((element, style));
            element.RemoveAttribute("style");
        }
        _sanitizer.SanitizeDom(document, body);
        // Elements the sanitizer removed are detached by now, so a style set on them is never written out.
        foreach (var (element, style) in styles) element.SetAttribute("style", style);
        return body.ChildNodes.ToHtml(_sanitizer.OutputFormatter);
    }

    private static bool IsInlineImage(string url)
    {
        var match = InlineImage().Match(url);
        return match.Success && match.Length == url.Length;
    }

    [GeneratedRegex(@"data:image/(png|gif|jpeg|jpg|webp|bmp);base64,[A-Za-z0-9+/=\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex InlineImage();

    /// <summary>Plain text as HTML: escaped, with line breaks kept.</summary>
    public static string FromText(string text) =>
        System.Net.WebUtility.HtmlEncode(text).Replace("\r\n", "\n").Replace("\n", "<br>");

    /// <summary>A rough text version of HTML for search and previews when only HTML was given.</summary>
    public static string ToText(string html)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return doc.Body?.TextContent.Trim() ?? "";
    }
}
