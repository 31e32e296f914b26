using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.Admin;

/// <summary>Checks custom field values against their definitions and merges them into a ticket's JSON.</summary>
public static class CustomFieldValues
{
    public const int MaxText = 1000;

    public static async Task<Dictionary<string, (string? Old, string? New)>> ApplyAsync(
        OtklikDb db, Dictionary<string, JsonElement>? input, Dictionary<string, JsonElement> current, Validation v, CancellationToken ct)
    {
        var changes = new Dictionary<string, (string?, string?)>();
        if (input is null || input.Count == 0) return changes;
        var defs = await db.CustomFields.Where(f => f.IsActive).ToDictionaryAsync(f => f.Key, ct);
        foreach (var (key, value) in input)
        {
            var field = $"customFields.{key}";
            if (!defs.TryGetValue(key, out var def)) { v.Add(field, Validation.Say($"There is no custom field '{key}'.", $"Нет поля «{key}».")); continue; }
            current.TryGetValue(key, out var old);
            var oldJson = current.ContainsKey(key) ? old.GetRawText() : null;
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (current.Remove(key)) changes[key] = (oldJson, null);
                continue;
            }
            var error = Check(def, value);
            if (error is not null) { v.Add(field, error); continue; }
            if (oldJson != value.GetRawText())
            {
                current[key] = value.Clone();
                changes[key] = (oldJson, value.GetRawText());
            }
        }
        return changes;
    }

    private static string? Check(CustomFieldDefinition def, JsonElement value) => def.Type switch
    {
        CustomFieldType.Text => value.ValueKind != JsonValueKind.String ? $"'{def.Key}' takes text."
            : value.GetString()!.Length > MaxText ? $"'{def.Key}' is longer than {MaxText} characters." : null,
        CustomFieldType.Number => value.ValueKind == JsonValueKind.Number ? null : $"'{def.Key}' takes a number.",
        CustomFieldType.Checkbox => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"'{def.Key}' takes true or false.",
        CustomFieldType.Date => value.ValueKind == JsonValueKind.String
                                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : $"'{def.Key}' takes a date as yyyy-MM-dd.",
        CustomFieldType.Dropdown => value.ValueKind == JsonValueKind.String
                                    && (JsonSerializer.Deserialize<string[]>(def.Options) ?? []).Contains(value.GetString())
            ? null : $"'{def.Key}' takes one of: {string.Join(", ", JsonSerializer.Deserialize<string[]>(def.Options) ?? [])}.",
        _ => $"'{def.Key}' has an unknown type.",
    };
}
