using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>
/// Something the agent (or, for refused files, the customer) must be told about one inbound email.
/// Stored as a code with its values, not as a sentence, so each reader gets it in their own language:
/// the agent in the workspace's, the customer in theirs.
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
        _ => string.Join(" ", Args),
    };

    /// <summary>As many warnings as fit in <paramref name="maxLength"/> characters (the column's width), first ones first.</summary>
    public static string? Store(IReadOnlyList<MailWarning> warnings, int maxLength = 2000)
    {
        for (var count = warnings.Count; count > 0; count--)
        {
            var json = JsonSerializer.Serialize(warnings.Take(count));
            if (json.Length <= maxLength) return json;
        }
        return null;
    }

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
