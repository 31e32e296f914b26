using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Otklik.Channels.Email;

/// <summary>
/// The text version of an HTML-only mail, written so an agent (and search) can read it:
/// paragraphs and line breaks kept, lists bulleted, quotes prefixed with "&gt; " and links
/// shown as "text (url)".
/// </summary>
public static partial class ReadableText
{
    private static readonly string[] ShownSchemes = ["http://", "https://", "mailto:", "tel:", "ftp://"];
    private static readonly HashSet<string> Skipped = ["SCRIPT", "STYLE", "HEAD", "TITLE", "TEMPLATE", "NOSCRIPT", "SVG", "OBJECT", "IFRAME"];
    private static readonly HashSet<string> Paragraphs = ["P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "TABLE", "BLOCKQUOTE", "PRE", "DL"];
    private static readonly HashSet<string> Lines =
        ["DIV", "TR", "LI", "SECTION", "ARTICLE", "HEADER", "FOOTER", "ADDRESS", "DT", "DD", "CENTER", "FORM", "FIELDSET", "MAIN", "NAV", "ASIDE", "FIGURE", "CAPTION"];

    public static string FromHtml(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var doc = new HtmlParser().ParseDocument(html);
        var writer = new Writer();
        writer.Walk(doc.Body ?? (INode?)doc.DocumentElement ?? doc);
        return Tidy(writer.ToString());
    }

    private static string Tidy(string text)
    {
        var lines = text.Replace('\u00A0', ' ').Split('\n').Select(l => l.TrimEnd()).ToList();
        // A quote that ends the text leaves lines of bare "&gt;" behind.
        while (lines.Count > 0 && lines[^1].Trim('>', ' ').Length == 0) lines.RemoveAt(lines.Count - 1);
        return ManyBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n', ' ');
    }

    [GeneratedRegex(@"\n(?:[ >]*\n){2,}")]
    private static partial Regex ManyBlankLines();

    private sealed class Writer
    {
        private readonly StringBuilder _out = new();
        private int _quote, _pre;
        private bool _lineStart = true, _space;
        private readonly Stack<int> _ordered = new();

        public override string ToString() => _out.ToString();

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text) Text(text.Data);
                else if (child is IElement element) Element(element);
            }
        }

        private void Element(IElement e)
        {
            var tag = e.TagName;
            if (Skipped.Contains(tag)) return;
            switch (tag)
            {
                case "BR": NewLine(); return;
                case "HR": Break(1); Write("---"); Break(1); return;
                case "A": Link(e); return;
                case "IMG": return;
                case "TD" or "TH":
                    if (!_lineStart) Write(" ");
                    Walk(e);
                    return;
            }
            // Outlook writes every line as <p class=MsoNormal> without margins: one line each, not a paragraph.
            var gap = Paragraphs.Contains(tag) && !e.ClassList.Contains("MsoNormal") ? 2 : Lines.Contains(tag) || tag == "P" ? 1 : 0;
            if (gap == 0) { Walk(e); return; }
            Break(gap);
            if (tag == "BLOCKQUOTE") _quote++;
            if (tag == "PRE") _pre++;
            if (tag == "OL") _ordered.Push(0);
            if (tag == "UL") _ordered.Push(-1);
            if (tag == "LI") Write(Bullet());
            Walk(e);
            if (tag == "BLOCKQUOTE") _quote--;
            if (tag == "PRE") _pre--;
            if (tag is "OL" or "UL" && _ordered.Count > 0) _ordered.Pop();
            Break(gap);
        }

        private string Bullet()
        {
            if (_ordered.Count == 0 || _ordered.Peek() < 0) return "• ";
            var n = _ordered.Pop() + 1;
            _ordered.Push(n);
            return $"{n}. ";
        }

        private void Link(IElement a)
        {
            var start = _out.Length;
            Walk(a);
            var shown = _out.ToString(start, _out.Length - start).Trim();
            if (shown.Length == 0 && a.QuerySelector("img[alt]")?.GetAttribute("alt") is { Length: > 0 } alt) Write(shown = alt);
            var href = a.GetAttribute("href")?.Trim();
            // Only addresses a reader can use; javascript:, data: and the like are noise or worse.
            if (string.IsNullOrEmpty(href) || !ShownSchemes.Any(s => href.StartsWith(s, StringComparison.OrdinalIgnoreCase))) return;
            var bare = href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href[7..] : href;
            if (Same(shown, href) || Same(shown, bare)) return;
            Write(shown.Length == 0 ? bare : $" ({bare})");
        }

        private static bool Same(string shown, string url) =>
            string.Equals(shown.TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            || string.Equals(shown.TrimEnd('/'), StripScheme(url).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        private static string StripScheme(string url) =>
            url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..] : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;

        private void Text(string data)
        {
            if (_pre > 0)
            {
                var lines = data.Replace("\r\n", "\n").Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (i > 0) NewLine();
                    Write(lines[i]);
                }
                return;
            }
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c) && c != '\u00A0') { _space = !_lineStart; continue; }
                if (_space) Write(" ");
                _space = false;
                Write(c.ToString());
            }
        }

        private void Write(string s)
        {
            if (s.Length == 0) return;
            if (_lineStart) Prefix();
            _out.Append(s);
            _lineStart = false;
        }

        private void Prefix()
        {
            for (var i = 0; i < _quote; i++) _out.Append("> ");
        }

        private void NewLine()
        {
            if (_lineStart && _quote > 0) Prefix();
            _out.Append('\n');
            _lineStart = true;
            _space = false;
        }

        /// <summary>Ends the current line and leaves <paramref name="lines"/>-1 blank lines, without stacking them.</summary>
        private void Break(int lines)
        {
            if (_out.Length == 0) return;
            var trailing = 0;
            for (var i = _out.Length - 1; i >= 0 && (_out[i] == '\n' || _out[i] == ' ' || _out[i] == '>'); i--)
                if (_out[i] == '\n') trailing++;
            if (!_lineStart) { NewLine(); trailing = 1; }
            for (; trailing < lines; trailing++) NewLine();
        }
    }
}
