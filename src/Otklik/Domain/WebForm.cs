namespace Otklik.Domain;

/// <summary>
/// The public contact points of an inbox: a web form (hosted page, iframe, JSON) and the
/// "call me back" request. Tickets from the form join the inbox's queue on channel WebForm;
/// when the inbox has a mailbox, replies and the acknowledgment go out by email from it.
/// </summary>
public sealed class WebForm
{
    public const int KeyLength = 16;

    public long Id { get; set; }
    public long InboxId { get; set; }
    public Inbox? Inbox { get; set; }
    /// <summary>The random public name in /form/{key}: not the inbox id, so inboxes cannot be counted from outside.</summary>
    public required string Key { get; set; }
    public bool IsEnabled { get; set; }
    public bool CallbackEnabled { get; set; }
    /// <summary>The heading of the hosted page; "Contact us" / «Напишите нам» when empty.</summary>
    public string? Title { get; set; }
    public FieldRequirement NameField { get; set; } = FieldRequirement.Required;
    public FieldRequirement EmailField { get; set; } = FieldRequirement.Required;
    public FieldRequirement PhoneField { get; set; } = FieldRequirement.Off;
    public FieldRequirement SubjectField { get; set; } = FieldRequirement.Optional;
    public bool AllowFiles { get; set; } = true;
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;
    /// <summary>The custom fields the form asks for, in order, as a JSON array of {"key", "required"}.</summary>
    public string CustomFields { get; set; } = "[]";
    /// <summary>The answer time promised until the inbox has enough history to quote its real one.</summary>
    public int PromisedResponseHours { get; set; } = 24;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<WebFormField> Fields() =>
        System.Text.Json.JsonSerializer.Deserialize<List<WebFormField>>(CustomFields, WebFormField.Json) ?? [];

    public void SetFields(IEnumerable<WebFormField> fields) =>
        CustomFields = System.Text.Json.JsonSerializer.Serialize(fields.ToList(), WebFormField.Json);

    public static string NewKey() =>
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyLength / 2));
}

public sealed record WebFormField(string Key, bool Required)
{
    internal static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
