using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// Something a reader must be told about mail: a warning on one inbound email, a refused file (told
/// to the customer too), a mailbox's connection problem. Stored as a code with its values, not as a
/// sentence, so each reader gets it in their own language: the agent in the workspace's, the
/// customer in theirs. Connection problems have their words in <see cref="MailConnectionTexts"/>.
/// </summary>
public sealed record MailWarning([property: JsonPropertyName("c")] string Code, [property: JsonPropertyName("a")] string[] Args)
{
    public const string ImitatesDomain = "imitates-domain";
    public const string ImitatesCompany = "imitates-company";
    public const string ImitatesAgent = "imitates-agent";
    public const string FileRefused = "file-refused";
    /// <summary>A sentence stored before warnings had codes: shown as it is.</summary>
    public const string Plain = "text";

    public static MailWarning Of(RefusedFile file) =>
        new(FileRefused, [file.FileName, file.Size.ToString(CultureInfo.InvariantCulture), file.Limit.ToString(CultureInfo.InvariantCulture)]);

    public string Text(bool russian) => (Code, Args) switch
    {
        (ImitatesDomain, [var domain, var address]) => russian
            ? $"имя отправителя показывает наш домен {domain}, но адрес — {address}"
            : $"display name shows our domain {domain} but the address is {address}",
        (ImitatesCompany, [var company, var address]) => russian
            ? $"имя отправителя выдаёт себя за «{company}», но адрес — {address}"
            : $"display name imitates \"{company}\" but the address is {address}",
        (ImitatesAgent, [var agent, var address]) => russian
            ? $"имя отправителя выдаёт себя за сотрудника «{agent}», но адрес — {address}"
            : $"display name imitates agent \"{agent}\" but the address is {address}",
        (FileRefused, [var file, var size, var limit]) => russian
            ? $"Файл «{file}» ({Size(size, true)}) не принят: этот адрес принимает файлы до {Size(limit, true)}."
            : $"File \"{file}\" ({Size(size, false)}) was refused: this inbox accepts files up to {Size(limit, false)}.",
        _ => MailConnectionTexts.Text(Code, Args, russian) ?? LedgerTexts.Text(Code, Args, russian) ?? string.Join(" ", Args),
    };

    /// <summary>As many warnings as fit in <paramref name="maxLength"/> characters (the column's width), first ones first;
    /// if not even the first fits whole, the first with its values shortened.</summary>
    public static string? Store(IReadOnlyList<MailWarning> warnings, int maxLength = 2000)
    {
        for (var count = warnings.Count; count > 0; count--)
        {
            var json = JsonSerializer.Serialize(warnings.Take(count), Json);
            if (json.Length <= maxLength) return json;
        }
        if (warnings.Count == 0) return null;
        var cut = warnings[0] with { Args = warnings[0].Args.Take(4).Select(a => a.Length > 80 ? a[..80] + "…" : a).ToArray() };
        return JsonSerializer.Serialize(new[] { cut }, Json);
    }

    // Cyrillic file names and server answers stay readable (and six times shorter) in the column.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>What <see cref="Store"/> wrote; an older plain sentence comes back as one <see cref="Plain"/> warning.</summary>
    public static IReadOnlyList<MailWarning> Read(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return [];
        if (stored.StartsWith('['))
        {
            try
            {
                if (JsonSerializer.Deserialize<List<MailWarning>>(stored) is { } list && list.All(w => w.Code is not null && w.Args is not null))
                    return list;
            }
            catch (JsonException)
            {
                // Not ours after all: fall through and show it as text.
            }
        }
        return [new MailWarning(Plain, [stored])];
    }

    private static string Size(string bytesText, bool russian)
    {
        if (!long.TryParse(bytesText, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) return bytesText;
        var culture = russian ? CultureInfo.GetCultureInfo("ru-RU") : CultureInfo.InvariantCulture;
        return bytes >= 1024 * 1024
            ? (bytes / 1024 / 1024.0).ToString("0.#", culture) + (russian ? " МБ" : " MB")
            : Math.Max(1, bytes / 1024.0).ToString("0.#", culture) + (russian ? " КБ" : " KB");
    }
}
