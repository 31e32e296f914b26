namespace Otklik.Search;

public enum HitKind { Ticket, Message, Customer }

public sealed record RawHit(HitKind Kind, long Id, double Rank);

/// <summary>Full-text lookup over ticket subjects, message bodies and customers; best first.</summary>
public interface ISearchEngine
{
    Task<IReadOnlyList<RawHit>> FindAsync(string query, int limit, CancellationToken ct);
}

public static class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxWords = 8;

    /// <summary>The words of a query, lower-cased, without operators a user did not mean.</summary>
    public static List<string> Words(string query) => Stemming.Words(query).Take(MaxWords).ToList();
}
