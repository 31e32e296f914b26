using Otklik.Domain;

namespace Otklik.Infrastructure;

/// <summary>Collects field errors with messages a person can act on; empty means valid.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, Say($"'{field}' is required.", $"Поле «{field}» обязательно."));
        return MaxLength(field, value, maxLength);
    }

    public Validation MaxLength(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength
            ? Add(field, Say($"'{field}' is {value.Length} characters long; the limit is {maxLength}.",
                $"В поле «{field}» {value.Length} знаков, а можно не больше {maxLength}."))
            : this;

    public Validation Email(string field, string? value)
    {
        if (value is null) return this;
        var at = value.IndexOf('@');
        var ok = value.Length <= 254 && at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1
                 && !value.Any(char.IsWhiteSpace) && value[(at + 1)..].Contains('.');
        return ok ? this : Add(field, Say($"'{value}' is not a valid email address.", $"«{value}» — не адрес электронной почты."));
    }

    public T? Enum<T>(string field, string? value) where T : struct, System.Enum
    {
        if (value is null) return null;
        if (Names.TryParse<T>(value, out var parsed)) return parsed;
        Add(field, Say($"'{value}' is not a valid {field}; use one of: {Names.Allowed<T>()}.",
            $"«{value}» не подходит для «{field}»; возможные значения: {Names.Allowed<T>()}."));
        return null;
    }

    /// <summary>
    /// The message in the reader's language: Russian when the request (or the workspace circuit) runs in
    /// Russian. API calls without Accept-Language get English (see Localization).
    /// </summary>
    public static string Say(string english, string russian) =>
        ReaderLanguage.IsRussian ? russian : english;

    public Error.Invalid ToError() => new(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
