using System.Text;
using MimeKit;

namespace Otklik.Channels.Email;

/// <summary>A safe file name for a part: decoded, without paths or control characters, never empty.</summary>
internal static class AttachmentName
{
    private const int MaxLength = 200;
    private const string Forbidden = "<>:\"/\\|?*";

    /// <param name="index">1-based position, for names like "attachment-1.pdf".</param>
    /// <param name="forceExtension">Extension the name must end with (".eml" for attached messages).</param>
    public static string From(string? fileName, string mimeType, int index, string? forceExtension = null)
    {
        var name = Clean(MailCharset.Repair(fileName ?? ""));
        if (name.Length == 0) name = $"attachment-{index}{Extension(mimeType)}";
        if (forceExtension is not null && !name.EndsWith(forceExtension, StringComparison.OrdinalIgnoreCase))
            name = (name.Length == 0 ? $"attachment-{index}" : name) + forceExtension;
        if (name.Length > MaxLength)
        {
            var ext = Path.GetExtension(name);
            if (ext.Length > 20) ext = "";
            name = name[..(MaxLength - ext.Length)].TrimEnd() + ext;
        }
        return name;
    }

    private static string Clean(string name)
    {
        // Only the last path segment: "..\..\startup\x.exe" must not become a path anywhere.
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0) name = name[(slash + 1)..];
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c)) continue;
            sb.Append(Forbidden.Contains(c) ? '_' : c);
        }
        return MailHeaderText.OneLine(sb.ToString()).Trim(' ', '.');
    }

    private static string Extension(string mimeType)
    {
        switch (mimeType)
        {
            case "message/rfc822": return ".eml";
            case "text/calendar": return ".ics";
            case "text/plain": return ".txt";
        }
        if (MimeTypes.TryGetExtension(mimeType, out var ext) && !string.IsNullOrEmpty(ext)) return ext.StartsWith('.') ? ext : "." + ext;
        return mimeType.StartsWith("text/") || mimeType.StartsWith("message/") ? ".txt" : ".bin";
    }
}
