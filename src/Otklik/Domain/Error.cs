namespace Otklik.Domain;

/// <summary>
/// Expected failures of a use case. Each maps to one ProblemDetails status; exceptions
/// are kept for bugs.
/// </summary>
public abstract record Error(string Code, string Detail)
{
    public sealed record NotFound(string What) : Error("not_found", $"{What} was not found.");

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Fields)
        : Error("validation_failed", "One or more fields are invalid.")
    {
        public Invalid(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
    }

    public sealed record Conflict(string ConflictCode, string Message) : Error(ConflictCode, Message);

    /// <summary>The caller's copy is older than the stored one.</summary>
    public sealed record Stale(int CurrentVersion)
        : Error("stale_version", $"The ticket was changed by someone else (current version {CurrentVersion}). Reload and apply your change again.");

    public sealed record Forbidden(string Message) : Error("forbidden", Message);

    /// <summary>A public reply with no way to reach the customer: refused rather than stored as if it went out.</summary>
    public sealed record Undeliverable(string Reason, string Message) : Error("reply_undeliverable", Message);
}
