using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Otklik.Channels.Email;

/// <summary>Header values as the helpdesk stores them: decoded, repaired, one line, no angle brackets.</summary>
internal static partial class MailHeaderText
{
    /// <summary>
    /// Raw 8-bit header bytes that are not UTF-8 come out as Latin-1, byte for byte, so
    /// <see cref="MailCharset.Repair"/> can still find the real Cyrillic charset afterwards.
    /// </summary>
    public static readonly ParserOptions Options = new()
    {
        CharsetEncoding = Encoding.Latin1,
        AddressParserComplianceMode = RfcComplianceMode.Looser,
        ParameterComplianceMode = RfcComplianceMode.Looser,
        Rfc2047ComplianceMode = RfcComplianceMode.Looser,
        AllowUnquotedCommasInAddresses = true,
        RespectContentLength = false,
        MaxMimeDepth = 64,
    };

    /// <summary>One line of display text: controls and NULs removed, whitespace collapsed.</summary>
    public static string OneLine(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Decoded(string? value) => OneLine(MailCharset.Repair(value ?? ""));

    public static IReadOnlyList<MailAddress> Addresses(InternetAddressList list, HeaderList headers, HeaderId id)
    {
        var result = new List<MailAddress>();
        foreach (var mailbox in list.Mailboxes)
        {
            var address = OneLine(mailbox.Address);
            if (address.Length == 0 || result.Any(a => a.Address.Equals(address, StringComparison.OrdinalIgnoreCase))) continue;
            var name = Decoded(mailbox.Name).Trim('"', '\'', ' ');
            result.Add(new MailAddress(address, name.Length == 0 || name.Equals(address, StringComparison.OrdinalIgnoreCase) ? null : name));
        }
        if (result.Count == 0 && headers[id] is { } raw)
        {
            // MimeKit gives up on some broken lists; a bare address is still worth keeping.
            foreach (Match m in BareAddress().Matches(raw))
                if (!result.Any(a => a.Address.Equals(m.Value, StringComparison.OrdinalIgnoreCase))) result.Add(new MailAddress(m.Value, null));
        }
        return result;
    }

    public static string? MessageId(string? parsed, HeaderList headers, HeaderId id)
    {
        if (!string.IsNullOrWhiteSpace(parsed)) return OneLine(parsed).Trim('<', '>');
        var raw = headers[id];
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var bracketed = Bracketed().Match(raw);
        var value = bracketed.Success ? bracketed.Groups[1].Value : raw.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
        value = OneLine(value).Trim('<', '>');
        return value.Length == 0 ? null : value;
    }

    public static IReadOnlyList<string> References(MimeMessage message)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        IEnumerable<string> ids = message.References;
        if (message.References.Count == 0 && message.Headers[HeaderId.References] is { } raw)
            ids = Bracketed().Matches(raw).Select(m => m.Groups[1].Value);
        foreach (var id in ids)
        {
            var clean = OneLine(id).Trim('<', '>');
            if (clean.Length > 0 && seen.Add(clean)) result.Add(clean);
        }
        return result;
    }

    [GeneratedRegex(@"<([^<>\s]+)>")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"[^\s<>"",;:()\[\]]+@[^\s<>"",;:()\[\]]+\.[^\s<>"",;:()\[\]]+")]
    internal static partial Regex BareAddress();
}
