using System.Text;
using MimeKit;

namespace Otklik.Channels.Email;

/// <summary>
/// SPF/DKIM/DMARC verdicts from Authentication-Results. Only the topmost header counts: it is
/// the one our own receiving server added; anything below came with the message and can be forged.
/// </summary>
public static class AuthenticationResults
{
    public static AuthVerdicts Read(HeaderList headers)
    {
        var first = headers.FirstOrDefault(h => h.Field.Equals("Authentication-Results", StringComparison.OrdinalIgnoreCase));
        return first is null ? AuthVerdicts.Unknown : Parse(first.Value);
    }

    public static AuthVerdicts Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return AuthVerdicts.Unknown;
        string? spf = null, dmarc = null;
        var dkim = new List<string>();
        // The first clause is the server's id, not a result.
        foreach (var clause in WithoutComments(value).Split(';').Skip(1))
        {
            var words = clause.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var eq = words[0].IndexOf('=');
            if (eq <= 0) continue;
            var method = words[0][..eq].Split('/')[0].ToLowerInvariant();
            var result = words[0][(eq + 1)..].Trim('"').ToLowerInvariant();
            if (result.Length == 0) continue;
            switch (method)
            {
                case "spf": spf ??= result; break;
                case "dmarc": dmarc ??= result; break;
                case "dkim": dkim.Add(result); break;
            }
        }
        // Mailing lists and forwarders add signatures that may fail; one valid signature is what DMARC needs.
        var dkimVerdict = dkim.Contains("pass") ? "pass" : dkim.FirstOrDefault();
        return new AuthVerdicts(spf, dkimVerdict, dmarc);
    }

    private static string WithoutComments(string value)
    {
        var sb = new StringBuilder(value.Length);
        int depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length) { if (depth == 0) sb.Append(c).Append(value[i + 1]); i++; continue; }
            if (c == '"' && depth == 0) quoted = !quoted;
            else if (!quoted && c == '(') { depth++; continue; }
            else if (!quoted && c == ')' && depth > 0) { depth--; continue; }
            if (depth == 0) sb.Append(quoted && c == ';' ? ' ' : c);
        }
        return sb.ToString();
    }
}
