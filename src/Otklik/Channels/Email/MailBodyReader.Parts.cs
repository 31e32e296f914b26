using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Tnef;

namespace Otklik.Channels.Email;

internal sealed partial class MailBodyReader
{
    private static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private static bool IsAttachment(MimeEntity e) =>
        e.ContentDisposition?.IsAttachment == true || e is MimePart { FileName: { Length: > 0 } };

    private static bool IsBody(TextPart part) => (part.IsPlain || part.IsHtml) && !IsAttachment(part);

    private static bool IsCalendar(MimeEntity e) =>
        e.ContentType.IsMimeType("text", "calendar") || e.ContentType.IsMimeType("application", "ics");

    private static bool IsWinmail(MimePart part) =>
        part.ContentType.IsMimeType("application", "ms-tnef") || part.ContentType.IsMimeType("application", "vnd.ms-tnef")
        || string.Equals(part.FileName, "winmail.dat", StringComparison.OrdinalIgnoreCase);

    // Detached S/MIME and PGP signatures mean nothing to an agent and would sit on every message of some senders.
    private static bool IsSignature(MimePart part) =>
        part.ContentType.MimeType.ToLowerInvariant() is "application/pkcs7-signature" or "application/x-pkcs7-signature" or "application/pgp-signature";

    private void Attachment(MimePart part, bool inlineHint, string? nameOverride = null)
    {
        var contentId = string.IsNullOrWhiteSpace(part.ContentId) ? null : part.ContentId.Trim('<', '>', ' ');
        var inline = contentId is not null && (inlineHint || part.ContentDisposition?.IsAttachment != true);
        var type = part.ContentType.MimeType.ToLowerInvariant();
        var name = nameOverride ?? AttachmentName.From(part.FileName, type, _attachments.Count + 1);
        _attachments.Add(new ParsedAttachment(name, type, Content(part), contentId, inline));
    }

    /// <summary>
    /// Decodes a part into one array. For base64 the exact size is counted first so a large
    /// file is not decoded into a growing buffer and then copied again.
    /// </summary>
    private static byte[] Content(MimePart part)
    {
        if (part.Content?.Stream is not { } stream) return [];
        var estimate = 0L;
        if (stream.CanSeek)
        {
            estimate = part.ContentTransferEncoding == ContentEncoding.Base64 ? Base64Size(stream) : stream.Length;
            stream.Position = 0;
        }
        using var buffer = new MemoryStream((int)Math.Clamp(estimate, 0, Array.MaxLength));
        part.Content.DecodeTo(buffer);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    private static long Base64Size(Stream stream)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long alphabet = 0, padding = 0;
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                var span = chunk.AsSpan(0, read);
                while (span.Length > 0)
                {
                    var other = span.IndexOfAnyExcept(Base64Alphabet);
                    if (other < 0) { alphabet += span.Length; break; }
                    alphabet += other;
                    if (span[other] == (byte)'=') padding++;
                    span = span[(other + 1)..];
                }
            }
            var total = alphabet + Math.Min(padding, 2);
            return total % 4 == 0 ? total / 4 * 3 - Math.Min(padding, 2) : alphabet * 3 / 4;
        }
        finally { ArrayPool<byte>.Shared.Return(chunk); }
    }

    private void Forwarded(MessagePart part, int depth)
    {
        if (part.Message is not { } inner)
        {
            Warn("an attached message was empty");
            return;
        }
        using var eml = new MemoryStream();
        inner.WriteTo(eml);
        var subject = MailHeaderText.Decoded(inner.Subject);
        var name = AttachmentName.From(subject.Length > 0 ? subject + ".eml" : null, "message/rfc822", _attachments.Count + 1, forceExtension: ".eml");
        var type = part.ContentType.MimeType.ToLowerInvariant() is "text/rfc822-headers" or "message/rfc822-headers" ? "text/rfc822-headers" : "message/rfc822";
        if (type != "message/rfc822") name = Path.ChangeExtension(name, ".txt");
        _attachments.Add(new ParsedAttachment(name, type, eml.ToArray(), null, false));
        // A returned message in a bounce is evidence, not something the customer wrote.
        if (_inReport || type != "message/rfc822") return;

        var nested = new List<string>();
        var reader = new MailBodyReader(ReadOnlyMemory<byte>.Empty, nested, nesting + depth + 1);
        reader.Read(inner.Body);
        var from = inner.From.Mailboxes.FirstOrDefault();
        var block = new StringBuilder("---------- Forwarded message ----------\n");
        if (from is not null) block.Append("From: ").Append(MailHeaderText.Decoded(from.Name) is { Length: > 0 } n ? $"{n} <{from.Address}>" : from.Address).Append('\n');
        if (inner.Headers.Contains(HeaderId.Date)) block.Append("Date: ").Append(inner.Date.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)).Append('\n');
        block.Append("Subject: ").Append(subject).Append("\n\n").Append(reader.Result().Text);
        _extras.Add(block.ToString().TrimEnd());
        foreach (var w in nested) Warn("forwarded message: " + w);
    }

    private void Tnef(TnefPart tnef, int depth, MimePart? original = null)
    {
        MimeMessage converted;
        try { converted = HasTnefSignature(tnef) ? tnef.ConvertToMessage() : throw new FormatException("no TNEF signature"); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Warn("winmail.dat could not be read; kept as a file");
            Attachment(original ?? tnef, inlineHint: false);
            return;
        }
        var found = Collect(() =>
        {
            if (converted.Body is TextPart text && IsBody(text)) AddBody(text);
            else if (converted.Body is not null) Walk(converted.Body, depth + 1);
        });
        // Outlook usually repeats the TNEF body as plain text outside; use it only when that is missing.
        if (!_bodies.Any(b => !string.IsNullOrWhiteSpace(b.Text) || !string.IsNullOrWhiteSpace(b.Html))) _bodies.AddRange(found);
    }

    private static bool HasTnefSignature(MimePart part)
    {
        if (part.Content is not { } content) return false;
        // Not disposed: that would close the shared content stream the TNEF reader opens next.
        var decoded = content.Open();
        Span<byte> head = stackalloc byte[4];
        if (decoded.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4) return false;
        if (content.Stream is { CanSeek: true } source) source.Position = 0;
        return BinaryPrimitives.ReadUInt32LittleEndian(head) == 0x223E9F78;
    }

    private void Calendar(MimePart part)
    {
        var text = MailCharset.Decode(Content(part), part.ContentType.Charset ?? "utf-8");
        if (CalendarInvite.Summarize(text) is { } summary && !_extras.Contains(summary)) _extras.Add(summary);
        var repeated = _attachments.Any(a => a.ContentType is "text/calendar" or "application/ics" && Encoding.UTF8.GetString(a.Content) == text);
        if (!repeated) Attachment(part, inlineHint: false, AttachmentName.From(part.FileName ?? "invite.ics", "text/calendar", _attachments.Count + 1, forceExtension: ".ics"));
    }

    /// <summary>A multipart without a boundary parameter: find the boundary from the first delimiter line.</summary>
    private MimeEntity? Recovered(Multipart multipart)
    {
        if (!string.IsNullOrEmpty(multipart.Boundary) && multipart.Count > 0) return null;
        if (string.IsNullOrEmpty(multipart.Preamble)) return null;
        var preamble = multipart.Preamble;
        var bytes = preamble.Any(c => c > 0xFF) ? Encoding.UTF8.GetBytes(preamble) : Encoding.Latin1.GetBytes(preamble);
        var boundary = preamble.Split('\n').Select(l => l.TrimEnd('\r', ' ')).FirstOrDefault(l => l.Length > 2 && l.StartsWith("--") && !l.Contains(' '))?[2..];
        if (boundary is null)
        {
            Warn($"{multipart.ContentType.MimeType} had no parts; its text was kept");
            return new TextPart("plain") { Content = new MimeContent(new MemoryStream(bytes)) };
        }
        Warn($"{multipart.ContentType.MimeType} had no boundary parameter; used '{boundary}'");
        var head = Encoding.ASCII.GetBytes($"Content-Type: {multipart.ContentType.MimeType}; boundary=\"{boundary}\"\r\n\r\n");
        try { return MimeEntity.Load(MailHeaderText.Options, new MemoryStream([.. head, .. bytes])); }
        catch (FormatException) { return null; }
    }

    private void CheckClosingBoundary(Multipart multipart)
    {
        if (raw.IsEmpty || string.IsNullOrEmpty(multipart.Boundary) || _boundaryChecks++ >= MaxBoundaryChecks) return;
        var end = Encoding.ASCII.GetBytes("--" + multipart.Boundary + "--");
        if (raw.Span.IndexOf(end) < 0) Warn($"{multipart.ContentType.MimeType} has no closing boundary; the message may be truncated");
    }
}
