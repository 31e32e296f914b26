using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Otklik.Channels.Email;

/// <summary>
/// Prepares stored (already sanitised) message HTML for the agent's screen: inline images
/// point at our attachment URLs, and remote images stay off until the agent asks for them,
/// because loading them tells the sender the mail was read and from where.
/// </summary>
public static partial class EmailHtmlView
{
    private static readonly string[] SourceAttributes = ["src", "background", "poster", "href", "xlink:href", "data"];
    private static readonly HashSet<string> Media = ["IMG", "IMAGE", "INPUT", "VIDEO", "AUDIO", "SOURCE", "TRACK", "EMBED", "OBJECT"];

    /// <param name="inlineImages">Content-ID (without angle brackets) → URL the browser may load.</param>
    /// <returns>The HTML to show and whether a remote image was held back (so the UI offers "load images").</returns>
    public static (string Html, bool RemoteImagesBlocked) Render(string html, IReadOnlyDictionary<string, string> inlineImages, bool allowRemote)
    {
        if (string.IsNullOrWhiteSpace(html)) return (html ?? "", false);
        var images = new Dictionary<string, string>(inlineImages, StringComparer.OrdinalIgnoreCase);
        // Parsed as body content so a <style> stays where it was instead of moving to <head>.
        var doc = new HtmlParser().ParseDocument("");
        var root = doc.Body!;
        root.InnerHtml = html;
        var blocked = false;
        foreach (var element in root.QuerySelectorAll("*").Prepend(root))
        {
            foreach (var name in SourceAttributes)
            {
                // href is a link everywhere except on SVG <image>; links are not loaded by showing the mail.
                if (name is "href" or "xlink:href" or "data" && element.TagName is not ("IMAGE" or "OBJECT")) continue;
                if (name == "src" && !Media.Contains(element.TagName) && element.LocalName != "image") continue;
                if (element.GetAttribute(name) is not { } value) continue;
                var replaced = Source(value, images, allowRemote, ref blocked);
                if (replaced is null) element.RemoveAttribute(name);
                else if (replaced != value) element.SetAttribute(name, replaced);
            }
            if (element.GetAttribute("srcset") is { } srcset && (IsRemoteList(srcset) && !allowRemote || srcset.Contains("cid:", StringComparison.OrdinalIgnoreCase)))
            {
                blocked |= IsRemoteList(srcset) && !allowRemote;
                element.RemoveAttribute("srcset");
            }
            if (element.GetAttribute("style") is { } style) element.SetAttribute("style", Css(style, images, allowRemote, ref blocked));
            if (element.TagName == "STYLE") element.TextContent = Css(element.TextContent, images, allowRemote, ref blocked);
        }
        return (root.InnerHtml, blocked);
    }

    /// <returns>The value to keep, or null to drop the attribute.</returns>
    private static string? Source(string value, Dictionary<string, string> images, bool allowRemote, ref bool blocked)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            return images.TryGetValue(ContentId(trimmed), out var url) ? url : null;
        if (IsRemote(trimmed) && !allowRemote)
        {
            blocked = true;
            return null;
        }
        return value;
    }

    private static string Css(string css, Dictionary<string, string> images, bool allowRemote, ref bool blocked)
    {
        var anyBlocked = false;
        var result = CssUrl().Replace(css, m =>
        {
            var target = m.Groups["url"].Value.Trim();
            if (target.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
                return images.TryGetValue(ContentId(target), out var url) ? $"url(\"{url.Replace("\"", "%22")}\")" : "none";
            if (!allowRemote && (IsRemote(target) || target.StartsWith('\\') || target.Contains("\\")))
            {
                anyBlocked = true;
                return "none";
            }
            return m.Value;
        });
        blocked |= anyBlocked;
        // @import pulls remote CSS (and with it more images) the same way.
        if (!allowRemote && CssImport().IsMatch(result))
        {
            blocked = true;
            result = CssImport().Replace(result, "");
        }
        return result;
    }

    private static string ContentId(string cid) => Uri.UnescapeDataString(cid[4..]).Trim().Trim('<', '>');

    private static bool IsRemote(string url) =>
        url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("//") || url.StartsWith("\\\\") || url.StartsWith("ftp:", StringComparison.OrdinalIgnoreCase);

    private static bool IsRemoteList(string srcset) =>
        srcset.Split(',').Any(candidate => IsRemote(candidate.Trim()));

    [GeneratedRegex(@"url\(\s*(?<q>['""]?)(?<url>.*?)\k<q>\s*\)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"@import[^;]*;?", RegexOptions.IgnoreCase)]
    private static partial Regex CssImport();
}
