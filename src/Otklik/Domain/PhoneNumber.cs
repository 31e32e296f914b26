namespace Otklik.Domain;

/// <summary>
/// Phone numbers as people type them ("8 (916) 123-45-67", "+7 916 1234567", "9161234567")
/// turned into E.164 ("+79161234567"), so the same person is one identity whatever they typed.
/// A number without a country code is Russian: 8 is the old trunk prefix, ten digits are a
/// national number.
/// </summary>
public static class PhoneNumber
{
    public const string DefaultCountryCode = "7";
    /// <summary>Long enough for any formatted number; anything longer is not a phone number.</summary>
    public const int MaxInputLength = 32;

    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxInputLength) return false;
        var text = input.Trim();
        var international = text.StartsWith('+');
        var digits = new System.Text.StringBuilder();
        foreach (var ch in international ? text[1..] : text)
        {
            if (ch is >= '0' and <= '9') digits.Append(ch);
            else if (ch is ' ' or '-' or '(' or ')' or '.' or '\u00A0' or '\u2011' or '\u2013') continue;
            else return false; // letters, a second '+', an extension: not something we can dial safely
        }
        var d = digits.ToString();
        if (!international && d.StartsWith("00")) (international, d) = (true, d[2..]);
        if (!international)
        {
            d = d.Length switch
            {
                11 when d[0] is '8' or '7' => DefaultCountryCode + d[1..],
                10 => DefaultCountryCode + d,
                _ => "",
            };
            if (d.Length == 0) return false;
        }
        if (d.Length is < 8 or > 15 || d[0] == '0') return false;
        // +7 is Russia and Kazakhstan: always ten national digits, never starting with 0, 1 or 2.
        if (d[0] == '7' && (d.Length != 11 || d[1] is '0' or '1' or '2')) return false;
        e164 = "+" + d;
        return true;
    }

    /// <summary>For people: "+7 916 123-45-67"; other countries as stored.</summary>
    public static string Display(string e164) =>
        e164.Length == 12 && e164.StartsWith("+7")
            ? $"+7 {e164[2..5]} {e164[5..8]}-{e164[8..10]}-{e164[10..12]}"
            : e164;
}
