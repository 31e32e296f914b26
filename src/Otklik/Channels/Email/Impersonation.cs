using System.Globalization;
using System.Text;

namespace Otklik.Channels.Email;

/// <summary>
/// Flags mail whose display name pretends to be us (the company, an agent, our domain) while
/// the address is elsewhere: the classic "Otklik Support &lt;help@otklik-billing.top&gt;".
/// Names are compared by their look, not their letters: case, accents, Cyrillic and Greek
/// look-alikes ("Оtklik" with a Cyrillic О) and digits posing as letters do not matter.
/// </summary>
public static class Impersonation
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ԁ'] = 'd',
        ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l', ['ү'] = 'y', ['ɡ'] = 'g', ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e',
        ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x',
        ['ω'] = 'w',
    };

    // Applied after LookAlikes, so a Cyrillic і (→ i) and a Latin I both end up as l.
    private static readonly Dictionary<char, char> Confusables = new()
    {
        ['0'] = 'o', ['1'] = 'l', ['3'] = 'e', ['5'] = 's', ['$'] = 's', ['|'] = 'l', ['!'] = 'l', ['i'] = 'l',
    };

    private static readonly string[] RoleWords =
        ["support", "team", "help", "helpdesk", "service", "billing", "security", "admin", "info", "noreply", "no-reply", "поддержка", "служба", "команда"];

    /// <returns>The warning, or null when the name does not pretend to be us or the address is ours.</returns>
    public static MailWarning? Check(MailAddress from, string companyName, IEnumerable<string> agentNames, IEnumerable<string> ownDomains)
    {
        if (from is null || string.IsNullOrWhiteSpace(from.Name)) return null;
        var domains = ownDomains.Select(d => d.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).ToList();
        var at = from.Address.LastIndexOf('@');
        var domain = at < 0 ? "" : from.Address[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        if (domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal))) return null;

        var shown = Tokens(from.Name);
        var squashed = string.Concat(shown);
        foreach (var d in domains)
            if (ContainsRun(shown, Tokens(d))) return new MailWarning(MailWarning.ImitatesDomain, [d, from.Address]);

        var company = Tokens(companyName ?? "");
        if (string.Concat(company).Length >= 3 && (ContainsRun(shown, company) || RoleVariant(squashed, string.Concat(company))))
            return new MailWarning(MailWarning.ImitatesCompany, [companyName!.Trim(), from.Address]);

        foreach (var agent in agentNames)
        {
            // A single first name is shared by too many customers to mean anything.
            var parts = Tokens(agent);
            if (parts.Count >= 2 && parts.All(shown.Contains)) return new MailWarning(MailWarning.ImitatesAgent, [agent.Trim(), from.Address]);
        }
        return null;
    }

    internal static List<string> Tokens(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var latin = LookAlikes.GetValueOrDefault(c, c);
            sb.Append(Confusables.GetValueOrDefault(latin, latin));
        }
        var skeleton = sb.Replace("rn", "m").Replace("vv", "w").ToString();
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= skeleton.Length; i++)
        {
            var letter = i < skeleton.Length && char.IsLetterOrDigit(skeleton[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) { tokens.Add(skeleton[start..i]); start = -1; }
        }
        return tokens;
    }

    private static bool ContainsRun(List<string> shown, List<string> wanted)
    {
        for (var i = 0; i + wanted.Count <= shown.Count; i++)
            if (shown.Skip(i).Take(wanted.Count).SequenceEqual(wanted)) return true;
        return false;
    }

    private static bool RoleVariant(string squashed, string company)
    {
        if (squashed == company) return true;
        foreach (var role in RoleWords.Select(r => string.Concat(Tokens(r))))
            if (squashed == company + role || squashed == role + company) return true;
        return false;
    }
}
