using Otklik.Infrastructure;

namespace Otklik.Tests.Infrastructure;

public sealed class LeaseHolderTests
{
    [Fact]
    public void NewName_FitsTheLeaseColumn_AndDiffersEachTime()
    {
        var a = LeaseHolder.NewName();
        var b = LeaseHolder.NewName();

        Assert.InRange(a.Length, 1, LeaseHolder.MaxLength);
        Assert.StartsWith(Environment.MachineName.Length < 20 ? $"{Environment.MachineName}:{Environment.ProcessId}:" : Environment.MachineName[..20], a);
        Assert.NotEqual(a, b);
    }
}
