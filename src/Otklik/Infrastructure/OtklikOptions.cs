namespace Otklik.Infrastructure;

/// <summary>Everything under "Otklik" in appsettings or Otklik__… environment variables.</summary>
public sealed class OtklikOptions
{
    public const string Section = "Otklik";

    public DatabaseOptions Database { get; set; } = new();
    public AdminOptions Admin { get; set; } = new();
    /// <summary>Fill an empty deployment with realistic demo data on start.</summary>
    public bool Demo { get; set; }
    /// <summary>Where the SQLite file and uploaded files live; relative to the working directory.</summary>
    public string DataPath { get; set; } = "data";
    public RateLimitOptions RateLimits { get; set; } = new();
    /// <summary>Cluster mode: several nodes on one PostgreSQL database share live updates and presence through Redis.</summary>
    public RedisOptions Redis { get; set; } = new();
    /// <summary>Largest accepted request body; bigger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Largest raw message the inbound mail endpoint accepts (attachments are base64 inside, a third bigger).</summary>
    public long MaxInboundEmailBytes { get; set; } = 60L * 1024 * 1024;
    /// <summary>Name shown to customers and in the workspace header.</summary>
    public string CompanyName { get; set; } = "Otklik";
}

public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (embedded, default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Empty for SQLite means {DataPath}/otklik.db.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                              || Provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis syntax ("redis1:6379,password=…"). Empty: one node, everything in process.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Prefix of every Redis channel and key, so deployments sharing one Redis never hear each other.</summary>
    public string Prefix { get; set; } = "otklik";
    /// <summary>A node's presence (viewers, agents online, visitors) is dropped when it has not reported for this long (it died).</summary>
    public int PresenceSeconds { get; set; } = 15;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ConnectionString);
}

public sealed class AdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string Name { get; set; } = "Administrator";
}

public sealed class RateLimitOptions
{
    /// <summary>Requests per minute per agent (or per IP when anonymous) on /api.</summary>
    public int ApiPerMinute { get; set; } = 1200;
    /// <summary>Sign-in and token requests per minute per IP: the brute-force guard.</summary>
    public int SignInPerMinute { get; set; } = 10;
    /// <summary>Raw messages per minute per inbox on the inbound mail endpoint; an MTA retries what is refused.</summary>
    public int InboundMailPerMinute { get; set; } = 6000;
    /// <summary>Page views and uploads per minute per IP on the customer's upload-link page.</summary>
    public int PublicPerMinute { get; set; } = 30;
    /// <summary>Chat widget sessions (page loads) per minute per IP.</summary>
    public int ChatSessionsPerMinute { get; set; } = 120;
    /// <summary>New anonymous chat visitors per minute per IP.</summary>
    public int ChatNewVisitorsPerMinute { get; set; } = 10;
    /// <summary>Chat messages (and uploads) per minute per visitor.</summary>
    public int ChatMessagesPerVisitorPerMinute { get; set; } = 30;
    /// <summary>Chat messages (and uploads) per minute per IP, all visitors behind it together.</summary>
    public int ChatMessagesPerIpPerMinute { get; set; } = 120;
}
