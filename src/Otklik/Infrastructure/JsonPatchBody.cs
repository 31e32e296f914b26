using System.Text.Json;

namespace Otklik.Infrastructure;

/// <summary>
/// Reads a PATCH body field by field, so that "absent" (leave as is) and null (clear)
/// differ, and a value of the wrong type gets a message naming the field.
/// </summary>
public sealed class JsonPatchBody(JsonElement root, Validation v)
{
    public bool Has(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out _);

    public bool IsNull(string name) => root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Null;

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.String) return e.GetString();
        v.Add(name, $"'{name}' must be a string.");
        return null;
    }

    public long? Long(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n)) return n;
        v.Add(name, $"'{name}' must be a whole number.");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        v.Add(name, $"'{name}' must be true or false.");
        return null;
    }

    public string[]? Strings(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            return e.EnumerateArray().Select(x => x.GetString()!).ToArray();
        v.Add(name, $"'{name}' must be an array of strings.");
        return null;
    }

    public List<long>? Longs(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out _)))
            return e.EnumerateArray().Select(x => x.GetInt64()).Distinct().ToList();
        v.Add(name, $"'{name}' must be an array of whole numbers.");
        return null;
    }

    public Dictionary<string, JsonElement>? Object(string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind == JsonValueKind.Object) return e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        v.Add(name, $"'{name}' must be an object.");
        return null;
    }

    /// <summary>Names the body has that the endpoint does not know: a typo should not pass silently.</summary>
    public void OnlyKnown(params string[] known)
    {
        if (root.ValueKind != JsonValueKind.Object) { v.Add("body", "The body must be a JSON object."); return; }
        foreach (var p in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
            v.Add(p.Name, $"'{p.Name}' is not a field of this request; known fields: {string.Join(", ", known)}.");
    }
}
