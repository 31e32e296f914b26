using MimeKit;
using MimeKit.Utils;

namespace Otklik.Channels.Email;

/// <summary>
/// Turns a raw RFC 5322 message into <see cref="ParsedEmail"/>. It never throws on what a
/// sender can put in a message: whatever cannot be read is worked around and listed in Warnings.
/// </summary>
public static class InboundMailParser
{
    /// <summary>Longer subjects are cut; some mailers paste a whole body into the subject.</summary>
    public const int MaxSubjectLength = 1000;

    static InboundMailParser() => MailCharset.EnsureRegistered();

    public static ParsedEmail Parse(byte[] raw) => ParseBytes(new ArraySegment<byte>(raw ?? []));

    public static ParsedEmail Parse(Stream stream)
    {
        if (stream is MemoryStream { Position: 0 } memory && memory.TryGetBuffer(out var segment))
            return ParseBytes(segment);
        using var copy = new MemoryStream();
        try { stream.CopyTo(copy); }
        catch (IOException e) { return Unreadable([$"the message could not be read to the end: {e.Message}"]); }
        return ParseBytes(new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length));
    }

    private static ParsedEmail ParseBytes(ArraySegment<byte> raw)
    {
        var warnings = new List<string>();
        if (raw.AsSpan().Trim("\r\n\t "u8).IsEmpty) return Unreadable(["the message is empty"]);
        try
        {
            return FromMessage(Load(raw, warnings), raw, warnings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: MimeKit or our own reading failed somewhere; keep the bytes readable as text.
            warnings.Add($"the message could not be parsed ({e.GetType().Name}); it was kept as plain text");
            var text = MailCharset.Decode(raw, null).Replace("\0", "");
            return Unreadable(warnings) with { Text = text.Replace("\r\n", "\n").Trim() };
        }
    }

    private static MimeMessage Load(ArraySegment<byte> raw, List<string> warnings)
    {
        var start = MboxPrefixLength(raw);
        try
        {
            var stream = Open(raw[start..]);
            return new MimeParser(MailHeaderText.Options, stream, persistent: true).ParseMessage();
        }
        catch (FormatException)
        {
            warnings.Add("the message has no readable header section; it was read as plain text");
            var body = new TextPart("plain") { Content = new MimeContent(Open(raw[start..])) };
            return new MimeMessage { Body = body };
        }
    }

    private static ParsedEmail FromMessage(MimeMessage message, ArraySegment<byte> raw, List<string> warnings)
    {
        var headers = message.Headers;
        var reader = new MailBodyReader(raw, warnings);
        reader.Read(message.Body);
        var (text, html) = reader.Result();

        var subject = MailHeaderText.Decoded(message.Subject);
        if (subject.Length > MaxSubjectLength)
        {
            var cut = char.IsHighSurrogate(subject[MaxSubjectLength - 1]) ? MaxSubjectLength - 1 : MaxSubjectLength;
            subject = subject[..cut];
            warnings.Add($"the subject was cut to {MaxSubjectLength} characters");
        }

        var noise = Noise.Classify(message);
        return new ParsedEmail(
            MessageId: MailHeaderText.MessageId(message.MessageId, headers, HeaderId.MessageId),
            InReplyTo: MailHeaderText.MessageId(message.InReplyTo, headers, HeaderId.InReplyTo),
            References: MailHeaderText.References(message),
            From: First(MailHeaderText.Addresses(message.From, headers, HeaderId.From))
                ?? First(MailHeaderText.Addresses(message.Sender is null ? [] : new InternetAddressList([message.Sender]), headers, HeaderId.Sender)),
            ReplyTo: First(MailHeaderText.Addresses(message.ReplyTo, headers, HeaderId.ReplyTo)),
            To: MailHeaderText.Addresses(message.To, headers, HeaderId.To),
            Cc: MailHeaderText.Addresses(message.Cc, headers, HeaderId.Cc),
            Subject: subject,
            Date: Date(headers, warnings),
            Text: text,
            Html: html,
            Attachments: reader.Attachments,
            Noise: noise,
            Bounce: noise == MailNoise.Bounce ? DeliveryReports.Read(message, text) : null,
            Auth: AuthenticationResults.Read(headers),
            Warnings: warnings);
    }

    private static DateTimeOffset? Date(HeaderList headers, List<string> warnings)
    {
        var value = headers[HeaderId.Date];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateUtils.TryParse(value, out var date) && date.Year is > 1970 and < 3000) return date;
        warnings.Add($"the Date header could not be read: '{MailHeaderText.OneLine(value[..Math.Min(value.Length, 80)])}'");
        return null;
    }

    private static MemoryStream Open(ArraySegment<byte> bytes) => new(bytes.Array!, bytes.Offset, bytes.Count, writable: false, publiclyVisible: true);

    private static MailAddress? First(IReadOnlyList<MailAddress> list) => list.Count > 0 ? list[0] : null;

    /// <summary>Messages saved from mbox files start with a "From " separator line that is not a header.</summary>
    private static int MboxPrefixLength(ReadOnlySpan<byte> raw)
    {
        var start = 0;
        while (start < raw.Length && raw[start] is (byte)'\r' or (byte)'\n') start++;
        if (!raw[start..].StartsWith("From "u8)) return start;
        var end = raw[start..].IndexOf((byte)'\n');
        return end < 0 ? start : start + end + 1;
    }

    private static ParsedEmail Unreadable(IReadOnlyList<string> warnings) =>
        new(null, null, [], null, null, [], [], "", null, "", null, [], MailNoise.None, null, AuthVerdicts.Unknown, warnings);
}
