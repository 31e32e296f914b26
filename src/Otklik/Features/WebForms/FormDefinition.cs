using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;

namespace Otklik.Features.WebForms;

/// <summary>One field as the customer sees it: the hosted page renders these, the JSON definition lists them.</summary>
public sealed record FieldView(string Name, string Label, string Type, bool Required, int? MaxLength = null, IReadOnlyList<string>? Options = null);

/// <summary>What a form asks for, built from the inbox's settings and the custom field definitions.</summary>
public sealed record FormDefinition(WebForm Form, string Title, IReadOnlyList<FieldView> Fields, IReadOnlyDictionary<string, CustomFieldDefinition> Custom)
{
    public const int NameLimit = 200, EmailLimit = 254, SubjectLimit = TicketLimits.Subject, MessageLimit = 20_000, CommentLimit = 2_000;

    /// <summary>The enabled form (or, for callbacks, the enabled callback request) of an active inbox; null for anything else.</summary>
    public static async Task<FormDefinition?> LoadAsync(OtklikDb db, string key, bool callback, bool russian, CancellationToken ct)
    {
        if (key.Length != WebForm.KeyLength || !key.All(char.IsAsciiHexDigitLower)) return null;
        var form = await db.WebForms.Include(f => f.Inbox).FirstOrDefaultAsync(f => f.Key == key, ct);
        if (form?.Inbox is not { IsActive: true } || !(callback ? form.CallbackEnabled : form.IsEnabled)) return null;
        var wanted = form.Fields();
        var keys = wanted.Select(f => f.Key).ToList();
        var defs = await db.CustomFields.Where(f => f.IsActive && keys.Contains(f.Key)).ToDictionaryAsync(f => f.Key, ct);

        var fields = new List<FieldView>();
        void Contact(string name, FieldRequirement mode, string type, int limit)
        {
            if (mode != FieldRequirement.Off) fields.Add(new FieldView(name, FormTexts.T(russian, char.ToUpperInvariant(name[0]) + name[1..]), type, mode == FieldRequirement.Required, limit));
        }
        Contact("name", form.NameField, "text", NameLimit);
        Contact("email", form.EmailField, "email", EmailLimit);
        Contact("phone", form.PhoneField, "tel", PhoneNumber.MaxInputLength);
        Contact("subject", form.SubjectField, "text", SubjectLimit);
        fields.Add(new FieldView("message", FormTexts.T(russian, "Message"), "textarea", true, MessageLimit));
        foreach (var w in wanted)
        {
            if (!defs.TryGetValue(w.Key, out var def)) continue; // switched off since the form was saved
            var options = def.Type == CustomFieldType.Dropdown ? JsonSerializer.Deserialize<string[]>(def.Options) : null;
            fields.Add(new FieldView("customFields." + def.Key, def.Label, Names.Of(def.Type), w.Required,
                def.Type == CustomFieldType.Text ? Admin.CustomFieldValues.MaxText : null, options));
        }
        // Not the inbox name: that is the team's own label (often an address) and stays inside.
        var title = form.Title ?? FormTexts.T(russian, "ContactUs");
        return new FormDefinition(form, title, fields, defs);
    }

    public FieldView? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// A custom field's value as its definition stores it. Pages send everything as text and API clients may
    /// too, so "42", "on" and "2026-12-01" are accepted for numbers, checkboxes and dates. Null means empty.
    /// </summary>
    public static JsonElement? Coerce(CustomFieldDefinition def, JsonElement value, bool russian, out string? error)
    {
        error = null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
        if (text.Length == 0) return null;
        switch (def.Type)
        {
            case CustomFieldType.Number:
                if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    return JsonSerializer.SerializeToElement(number);
                error = FormTexts.T(russian, "NotANumber", def.Label);
                return null;
            case CustomFieldType.Checkbox:
                if (text is "true" or "on" or "1") return JsonSerializer.SerializeToElement(true);
                if (text is "false" or "off" or "0") return null;
                error = FormTexts.T(russian, "NotAnOption", def.Label);
                return null;
            case CustomFieldType.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return JsonSerializer.SerializeToElement(text);
                error = FormTexts.T(russian, "NotADate", def.Label);
                return null;
            case CustomFieldType.Dropdown:
                if ((JsonSerializer.Deserialize<string[]>(def.Options) ?? []).Contains(text)) return JsonSerializer.SerializeToElement(text);
                error = FormTexts.T(russian, "NotAnOption", def.Label);
                return null;
            default:
                if (text.Length > Admin.CustomFieldValues.MaxText)
                {
                    error = FormTexts.T(russian, "TooLong", def.Label, text.Length, Admin.CustomFieldValues.MaxText);
                    return null;
                }
                return JsonSerializer.SerializeToElement(text);
        }
    }
}
