namespace Otklik.Domain;

/// <summary>
/// A looser form of an email or phone, for spotting one person behind two identities that the exact,
/// unique (kind, value) index keeps apart: Gmail ignores dots and "+tags", Yandex has several domains
/// for one mailbox and treats '-' as '.', and old or foreign-format phones share their last ten digits.
/// Only suggests duplicates; linking itself stays exact.
/// </summary>
public static class IdentityMatch
{
    private static readonly Dictionary<string, string> DomainAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["googlemail.com"] = "gmail.com",
        ["ya.ru"] = "yandex.ru", ["yandex.com"] = "yandex.ru", ["yandex.by"] = "yandex.ru",
        ["yandex.kz"] = "yandex.ru", ["yandex.ua"] = "yandex.ru", ["narod.ru"] = "yandex.ru",
    };

    /// <summary>Mailbox providers whose domain says nothing about where a person works.</summary>
    public static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yandex.ru", "ya.ru", "yandex.com", "mail.ru", "bk.ru", "list.ru", "inbox.ru",
        "rambler.ru", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "proton.me",
        "protonmail.com", "gmx.de", "gmx.net", "aol.com", "narod.ru",
    };

    public static string? KeyOf(IdentityKind kind, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        switch (kind)
        {
            case IdentityKind.Email:
                var at = value.LastIndexOf('@');
                if (at <= 0 || at == value.Length - 1) return null;
                var local = value[..at].ToLowerInvariant();
                var domain = value[(at + 1)..].ToLowerInvariant();
                domain = DomainAliases.GetValueOrDefault(domain, domain);
                var plus = local.IndexOf('+');
                if (plus > 0) local = local[..plus];
                if (domain == "gmail.com") local = local.Replace(".", "");
                if (domain == "yandex.ru") local = local.Replace('-', '.');
                return "e:" + local + "@" + domain;
            case IdentityKind.Phone:
                var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
                return digits.Length >= 10 ? "p:" + digits[^10..] : null;
            default:
                return null;
        }
    }

    public static string? DomainOf(string email) => email.LastIndexOf('@') is var at and > 0 ? email[(at + 1)..].ToLowerInvariant() : null;

    /// <summary>Names compared for suggestions: case, extra spaces and ё/е do not matter.</summary>
    public static string NameKey(string name) =>
        string.Join(' ', name.ToLowerInvariant().Replace('ё', 'е').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
