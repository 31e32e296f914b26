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
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"'{field}' is required.");
        return MaxLength(field, value, maxLength);
    }

    public Validation MaxLength(string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength
            ? Add(field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.")
            : this;

    public Validation Email(string field, string? value)
    {
        if (value is null) return this;
        var at = value.IndexOf('@');
        var ok = value.Length <= 254 && at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1
                 && !value.Any(char.IsWhiteSpace) && value[(at + 1)..].Contains('.');
        return ok ? this : Add(field, $"'{value}' is not a valid email address.");
    }

    public T? Enum<T>(string field, string? value) where T : struct, System.Enum
    {
        if (value is null) return null;
        if (Names.TryParse<T>(value, out var parsed)) return parsed;
        Add(field, $"'{value}' is not a valid {field}; use one of: {Names.Allowed<T>()}.");
        return null;
    }

    public Error.Invalid ToError() => new(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
