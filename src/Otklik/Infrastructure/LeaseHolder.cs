namespace Otklik.Infrastructure;

/// <summary>
/// Who holds a lease (an outbox row, a mailbox's fetch): host, process and a random part, so two
/// processes on one host and a restarted process never pass for each other. At most 40 characters,
/// the width of the lease columns; a short host name with a small process id gives fewer.
/// </summary>
public static class LeaseHolder
{
    public const int MaxLength = 40;

    public static string NewName()
    {
        var name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }
}
