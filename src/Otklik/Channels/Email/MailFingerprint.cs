using System.Security.Cryptography;
using System.Text;

namespace Otklik.Channels.Email;

/// <summary>
/// Recognises the same message delivered twice (two mailboxes, a retried fetch, a CC to a
/// second support address). Only headers the sender wrote and the body bytes count; what
/// servers add on the way (Received, Delivered-To, Return-Path, DKIM and ARC signatures,
/// Authentication-Results, X-…) does not. One pass over the bytes, no MIME parsing.
/// </summary>
public static class MailFingerprint
{
    private static readonly HashSet<string> SenderHeaders =
    [
        "message-id", "date", "from", "sender", "to", "cc", "reply-to", "subject", "in-reply-to", "references",
        "content-type", "content-transfer-encoding", "content-disposition",
    ];

    /// <returns>Message-ID without angle brackets (null when absent) and a 64-character hex key.</returns>
    public static (string? MessageId, string DedupKey) Compute(byte[] raw) => Compute((raw ?? []).AsSpan());

    public static (string? MessageId, string DedupKey) Compute(ReadOnlySpan<byte> raw)
    {
        var headers = new List<(string Name, string Value)>();
        string? name = null;
        var value = new StringBuilder();
        var pos = 0;
        var bodyStart = raw.Length;
        while (pos < raw.Length)
        {
            var nl = raw[pos..].IndexOf((byte)'\n');
            var next = nl < 0 ? raw.Length : pos + nl + 1;
            var line = raw[pos..(nl < 0 ? raw.Length : pos + nl)];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            pos = next;
            if (line.IsEmpty) { bodyStart = next; break; }
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (name is not null) value.Append(' ').Append(Encoding.Latin1.GetString(line));
                continue;
            }
            Flush(headers, name, value);
            var colon = line.IndexOf((byte)':');
            name = colon > 0 ? Encoding.Latin1.GetString(line[..colon]).Trim().ToLowerInvariant() : null;
            value.Clear();
            if (name is not null) value.Append(Encoding.Latin1.GetString(line[(colon + 1)..]));
        }
        Flush(headers, name, value);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (n, v) in headers.OrderBy(h => h.Name, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{n}:{v}\n"));
        hash.AppendData("\n"u8);
        AppendBody(hash, raw[Math.Min(bodyStart, raw.Length)..]);

        var id = headers.FirstOrDefault(h => h.Name == "message-id").Value;
        return (MessageIdOf(id), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Flush(List<(string, string)> headers, string? name, StringBuilder value)
    {
        if (name is null || !SenderHeaders.Contains(name)) return;
        headers.Add((name, MailHeaderText.OneLine(value.ToString())));
    }

    /// <summary>Line endings and trailing blank lines differ between delivery paths; the rest must match exactly.</summary>
    private static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body)
    {
        var end = body.Length;
        while (end > 0 && body[end - 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') end--;
        body = body[..end];
        while (!body.IsEmpty)
        {
            var cr = body.IndexOf((byte)'\r');
            if (cr < 0) { hash.AppendData(body); break; }
            hash.AppendData(body[..cr]);
            body = body[(cr + 1)..];
        }
    }

    private static string? MessageIdOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var open = value.IndexOf('<');
        var close = open < 0 ? -1 : value.IndexOf('>', open + 1);
        var id = (close > open + 1 ? value[(open + 1)..close] : value).Trim().Trim('<', '>');
        return id.Length == 0 ? null : id;
    }
}
