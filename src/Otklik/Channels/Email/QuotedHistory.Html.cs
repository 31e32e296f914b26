using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Otklik.Channels.Email;

public static partial class QuotedHistory
{
    // Quote containers of Gmail, Yahoo, Thunderbird, Outlook on the web and desktop signatures.
    private const string KnownQuotes =
        ".gmail_quote, .gmail_quote_container, .yahoo_quoted, .moz-cite-prefix, blockquote[type=cite], #divRplyFwdMsg, #appendonsend, " +
        ".gmail_signature, .moz-signature, .mail-quote-collapse";

    public static (string VisibleHtml, string? FoldedHtml) SplitHtml(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return (html ?? "", null);
        var parser = new HtmlParser();
        var doc = parser.ParseDocument(html);
        if (doc.Body is not { } body || FindCut(body) is not { } cut) return (html, null);

        var path = PathFrom(body, cut);
        var copy = parser.ParseDocument(html).Body!;
        var copyCut = Follow(copy, path);
        if (copyCut is null) return (html, null);

        RemoveFrom(cut, body, keepBefore: true);
        RemoveFrom(copyCut, copy, keepBefore: false);
        if (!HasContent(body) || !HasContent(copy)) return (html, null);
        return (body.InnerHtml.Trim(), copy.InnerHtml.Trim());
    }

    private static INode? FindCut(IElement body)
    {
        INode? found = null;
        foreach (var node in body.GetDescendants())
        {
            if (node is IElement e)
            {
                if (e.Matches(KnownQuotes) || IsHeaderBlock(e) || IsSeparatorText(e)) { found = e; break; }
            }
            else if (node is IText t && t.Data.Replace('\u00A0', ' ').Trim() == "--" && IsOwnLine(t)) { found = t; break; }
        }
        var trailing = TrailingBlockquote(body);
        if (trailing is not null && (found is null || Precedes(trailing, found))) found = trailing;
        if (found is IElement { Id: "divRplyFwdMsg" } reply && reply.PreviousElementSibling is { TagName: "HR" } hr) found = hr;
        return found;
    }

    /// <summary>A plain &lt;blockquote&gt; (Yandex, Mail.ru, most webmails) counts only when nothing visible follows it.</summary>
    private static INode? TrailingBlockquote(IElement body)
    {
        var last = body.QuerySelectorAll("blockquote").LastOrDefault(b => b.ParentElement?.Closest("blockquote") is null);
        if (last is null || !NothingVisibleAfter(last, body)) return null;
        INode start = last;
        var before = last.PreviousSibling;
        while (before is IText { Data: var d } && d.Trim().Length == 0 || before is IElement { TagName: "BR" }) before = before!.PreviousSibling;
        var text = before?.TextContent.Replace('\u00A0', ' ').Trim();
        if (before is not null && text is { Length: > 0 and <= MaxAttributionLength } && IsAttribution(text)) start = before;
        return start;
    }

    private static bool NothingVisibleAfter(INode node, IElement body)
    {
        for (var current = node; current is not null && current != body; current = current.Parent)
            for (var next = current.NextSibling; next is not null; next = next.NextSibling)
                if (HasContent(next)) return false;
        return true;
    }

    private static bool HasContent(INode node) =>
        node.TextContent.Replace('\u00A0', ' ').Trim().Length > 0
        || node is IElement e && (e.TagName == "IMG" || e.QuerySelector("img") is not null);

    private static bool IsHeaderBlock(IElement e)
    {
        if (e.TagName is not ("DIV" or "P" or "TD")) return false;
        var text = e.TextContent.Replace('\u00A0', ' ');
        return HtmlHeaderBlock().IsMatch(text.Length > 600 ? text[..600] : text);
    }

    private static bool IsSeparatorText(IElement e) =>
        e.TagName is "DIV" or "P" or "SPAN" && OriginalMessage().IsMatch(FirstLine(e.TextContent));

    private static string FirstLine(string text)
    {
        var trimmed = text.Replace('\u00A0', ' ').TrimStart();
        var nl = trimmed.IndexOf('\n');
        return nl < 0 ? trimmed : trimmed[..nl];
    }

    private static bool IsOwnLine(IText t) =>
        (t.PreviousSibling is null or IElement { TagName: "BR" }) && (t.NextSibling is null or IElement { TagName: "BR" });

    private static bool Precedes(INode a, INode b) => a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following);

    private static List<int> PathFrom(IElement body, INode node)
    {
        var path = new List<int>();
        for (var current = node; current != body && current.Parent is { } parent; current = parent)
            path.Insert(0, parent.ChildNodes.Index(current));
        return path;
    }

    private static INode? Follow(INode root, List<int> path)
    {
        var node = root;
        foreach (var index in path)
        {
            if (index < 0 || index >= node.ChildNodes.Length) return null;
            node = node.ChildNodes[index];
        }
        return node;
    }

    /// <summary>Keeps either everything before <paramref name="cut"/> or the cut and everything after it.</summary>
    private static void RemoveFrom(INode cut, IElement body, bool keepBefore)
    {
        for (var current = cut; current != body && current.Parent is { } parent; current = parent)
        {
            var siblings = parent.ChildNodes.ToList();
            var at = siblings.IndexOf(current);
            var remove = keepBefore ? siblings.Skip(at + (current == cut ? 0 : 1)) : siblings.Take(at);
            foreach (var node in remove.ToList()) parent.RemoveChild(node);
        }
    }

    // No \b: <br> between header lines leaves no space in the text ("17:42Кому:").
    [GeneratedRegex(@"(?is)^\s*(from|от|von|de)\s*:.{1,300}?(sent|date|отправлено|дата|gesendet|envoyé)\s*:.{1,300}?(to|кому|an|à|subject|тема|betreff|objet)\s*:")]
    private static partial Regex HtmlHeaderBlock();
}
