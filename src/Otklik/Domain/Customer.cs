namespace Otklik.Domain;

public sealed class Organisation
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Domain { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class Customer : Entity
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Language { get; set; }
    public string? TimeZone { get; set; }
    public long? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public bool IsVip { get; set; }
    /// <summary>Free-form attributes (plan, order numbers) as a JSON object.</summary>
    public string Attributes { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long? MergedIntoId { get; set; }
    public int Version { get; set; }
    /// <summary>Name and identities in one string, for full-text search.</summary>
    public string SearchText { get; set; } = "";
    public List<CustomerIdentity> Identities { get; set; } = [];

    public string? PrimaryEmail => Identities.Where(i => i.Kind == IdentityKind.Email).Select(i => i.Value).FirstOrDefault();

    private static string SplitWords(string value) => new(value.Select(ch => char.IsLetterOrDigit(ch) ? ch : ' ').ToArray());

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        // Emails twice: whole (PostgreSQL keeps an address as one token) and split into words, so "ivanov" finds ivanov@mail.ru.
        SearchText = string.Join(' ', Identities.SelectMany(i => new[] { i.Value, SplitWords(i.Value) }).Prepend(Name));
        Raise(new CustomerChanged(this));
    }
}

public sealed class CustomerIdentity
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    private IdentityKind _kind;
    private string _value = "";

    public IdentityKind Kind { get => _kind; set { _kind = value; MatchKey = IdentityMatch.KeyOf(value, _value); } }
    /// <summary>Normalised: emails lower-cased, phones in E.164 (+79161234567) when they parse, else digits with a leading +.</summary>
    public required string Value { get => _value; set { _value = value; MatchKey = IdentityMatch.KeyOf(_kind, value); } }
    /// <summary>
    /// The looser form duplicate suggestions compare (<see cref="IdentityMatch"/>). Kept in step by the setters
    /// above, so every place that makes an identity fills it; EF reads and writes the fields directly.
    /// </summary>
    public string? MatchKey { get; private set; }
    /// <summary>
    /// The person proved they use it: they wrote to us from this address. Details typed into a form or the
    /// chat are the sender's word and stay unverified.
    /// </summary>
    public bool Verified { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string Normalize(IdentityKind kind, string value) => kind switch
    {
        IdentityKind.Email => value.Trim().ToLowerInvariant(),
        IdentityKind.Phone => PhoneNumber.TryNormalize(value, out var e164) ? e164 : "+" + new string(value.Where(char.IsDigit).ToArray()),
        _ => value.Trim(),
    };
}
