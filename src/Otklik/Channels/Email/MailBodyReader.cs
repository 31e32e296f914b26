using System.Text;
using MimeKit;
using MimeKit.Text;
using MimeKit.Tnef;
using Otklik.Infrastructure;

namespace Otklik.Channels.Email;

/// <summary>
/// Walks the MIME tree once and sorts every part into body text, body HTML or a file.
/// Parts that are neither (signatures, alternative renderings we do not show) are dropped.
/// </summary>
internal sealed partial class MailBodyReader(ReadOnlyMemory<byte> raw, List<string> warnings, int nesting = 0)
{
    private const int MaxDepth = 40;
    private const int MaxBoundaryChecks = 16;

    private List<(string? Text, string? Html)> _bodies = [];
    private readonly List<string> _extras = [];
    private readonly List<ParsedAttachment> _attachments = [];
    private int _boundaryChecks;
    private bool _inReport;
    private bool _nulRemoved;

    public IReadOnlyList<ParsedAttachment> Attachments => _attachments;

    public void Read(MimeEntity? body)
    {
        if (body is null) return;
        // A lone text part is the body even when a mailer gave it a file name.
        if (body is TextPart { IsPlain: true } or TextPart { IsHtml: true } && !IsCalendar(body)) AddBody((TextPart)body);
        else Walk(body, 0);
    }

    public (string Text, string? Html) Result()
    {
        var chunks = _bodies.Where(c => !string.IsNullOrWhiteSpace(c.Text) || !string.IsNullOrWhiteSpace(c.Html)).ToList();
        var texts = chunks.Select(c => c.Text ?? ReadableText.FromHtml(c.Html!)).Concat(_extras).Where(t => t.Length > 0);
        var text = string.Join("\n\n", texts.Select(t => t.Trim('\n')));
        string? html = null;
        if (chunks.Any(c => c.Html is not null))
        {
            var parts = chunks.Select(c => c.Html ?? $"<div>{HtmlCleaner.FromText(c.Text!)}</div>")
                .Concat(_extras.Select(e => $"<div class=\"otklik-appended\"><hr>{HtmlCleaner.FromText(e)}</div>"));
            html = string.Concat(parts);
        }
        // An image marked inline that the HTML never shows would be invisible: list it as a file instead.
        for (var i = 0; i < _attachments.Count; i++)
        {
            var a = _attachments[i];
            if (a.IsInline && (html is null || !html.Contains("cid:" + a.ContentId, StringComparison.OrdinalIgnoreCase)))
                _attachments[i] = a with { IsInline = false };
        }
        return (text, html);
    }

    private void Walk(MimeEntity entity, int depth)
    {
        if (depth + nesting > MaxDepth)
        {
            Warn($"MIME nesting deeper than {MaxDepth} levels was skipped");
            return;
        }
        switch (entity)
        {
            case Multipart multipart: Multipart(multipart, depth); break;
            case MessagePart message: Forwarded(message, depth); break;
            case TnefPart tnef: Tnef(tnef, depth); break;
            case MimePart part when IsWinmail(part): Tnef(new TnefPart { Content = part.Content }, depth, part); break;
            case MimePart part when IsCalendar(part): Calendar(part); break;
            case TextPart text when IsBody(text): AddBody(text); break;
            case MimePart part when IsSignature(part): break;
            case MimePart part: Attachment(part, inlineHint: false); break;
        }
    }

    private void Multipart(Multipart multipart, int depth)
    {
        if (Recovered(multipart) is { } recovered)
        {
            Walk(recovered, depth + 1);
            return;
        }
        CheckClosingBoundary(multipart);
        var subtype = multipart.ContentType.MediaSubtype.ToLowerInvariant();
        switch (subtype)
        {
            case "alternative": Alternative(multipart, depth); break;
            case "related": Related(multipart, depth); break;
            case "report":
                var wasInReport = _inReport;
                _inReport = true;
                foreach (var child in multipart) Walk(child, depth + 1);
                _inReport = wasInReport;
                break;
            default:
                foreach (var child in multipart) Walk(child, depth + 1);
                break;
        }
    }

    /// <summary>Picks the richest plain and HTML renderings; calendar parts still count as invites.</summary>
    private void Alternative(Multipart multipart, int depth)
    {
        string? text = null, html = null;
        foreach (var child in multipart)
        {
            if (child is TextPart tp && !IsCalendar(tp) && !IsAttachment(tp))
            {
                if (tp.IsPlain) text = DecodeText(tp);
                else if (tp.IsHtml) html = DecodeText(tp);
                continue;
            }
            var found = Collect(() => Walk(child, depth + 1));
            if (found.Any(c => c.Html is not null)) html = string.Concat(found.Select(c => c.Html ?? HtmlCleaner.FromText(c.Text ?? "")));
            else if (found.Count > 0) text = string.Join("\n\n", found.Select(c => c.Text));
        }
        if (text is not null || html is not null) _bodies.Add((text, html));
    }

    private void Related(Multipart multipart, int depth)
    {
        var start = multipart.ContentType.Parameters["start"]?.Trim('<', '>', ' ');
        var root = multipart.FirstOrDefault(p => start is not null && p.ContentId == start) ?? multipart.FirstOrDefault();
        foreach (var child in multipart)
        {
            if (child == root) Walk(child, depth + 1);
            else if (child is MimePart part && !IsCalendar(part) && !IsWinmail(part)) Attachment(part, inlineHint: true);
            else Walk(child, depth + 1);
        }
    }

    /// <summary>Runs <paramref name="walk"/> with a fresh body list and returns what it found.</summary>
    private List<(string? Text, string? Html)> Collect(Action walk)
    {
        var outer = _bodies;
        _bodies = [];
        try { walk(); return _bodies; }
        finally { _bodies = outer; }
    }

    private void AddBody(TextPart part)
    {
        var decoded = DecodeText(part);
        _bodies.Add(part.IsHtml ? (null, decoded) : (decoded, null));
    }

    private string DecodeText(TextPart part)
    {
        var bytes = Content(part);
        var charset = part.ContentType.Charset;
        if (charset is null && part.IsHtml) charset = HtmlMetaCharset(bytes);
        var text = MailCharset.Decode(bytes, charset, out var note);
        if (note is not null) Warn($"{part.ContentType.MimeType}: {note}");
        if (text.Contains('\0'))
        {
            text = text.Replace("\0", "");
            if (!_nulRemoved) Warn("NUL characters were removed from the body");
            _nulRemoved = true;
        }
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        if (part.IsFlowed)
        {
            var delsp = part.ContentType.Parameters["delsp"]?.Equals("yes", StringComparison.OrdinalIgnoreCase) == true;
            text = new FlowedToText { DeleteSpace = delsp }.Convert(text).Replace("\r\n", "\n");
        }
        return text;
    }

    private static string? HtmlMetaCharset(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var at = head.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var value = new string(head.AsSpan(at + 8).TrimStart("\"' ").ToString().TakeWhile(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());
        return value.Length == 0 ? null : value;
    }

    private void Warn(string warning)
    {
        if (!warnings.Contains(warning)) warnings.Add(warning);
    }
}
