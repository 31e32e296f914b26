namespace Otklik.Domain;

public sealed class Agent
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public string PasswordHash { get; set; } = "";
    public AgentRole Role { get; set; } = AgentRole.Agent;
    public bool IsActive { get; set; } = true;
    public string Language { get; set; } = "ru";
    public string TimeZone { get; set; } = "Europe/Moscow";
    /// <summary>Changes on deactivation or password change so that cookies issued earlier stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTime CreatedAt { get; set; }
    /// <summary>Live chats this agent holds at once; accepting or being handed one more is refused (product rule 4: load caps).</summary>
    public int ChatLimit { get; set; } = DefaultChatLimit;
    /// <summary>When this agent last got a live chat (accepted, handed one, or by routing): routing breaks ties by the longest wait since.</summary>
    public DateTime? LastChatAt { get; set; }
    public List<TeamMember> Teams { get; set; } = [];

    public const int DefaultChatLimit = 3;

    public bool IsAtLeast(AgentRole role) => Role >= role;
}

public sealed class Team
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

public sealed class TeamMember
{
    public long TeamId { get; set; }
    public Team? Team { get; set; }
    public long AgentId { get; set; }
    public Agent? Agent { get; set; }
}

public sealed class ApiToken
{
    public long Id { get; set; }
    public long AgentId { get; set; }
    public Agent? Agent { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the secret; the secret itself is shown once and never stored.</summary>
    public required string Hash { get; set; }
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
