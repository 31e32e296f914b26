namespace Otklik.Tests.TestSupport;

/// <summary>The Redis the cluster tests use (the integration tests' two nodes and the browser tests' two processes).</summary>
public static class TestRedis
{
    public const string Env = "OTKLIK_TEST_REDIS";

    /// <summary>Fails loudly when Redis is not configured: a silently skipped cluster test is a hole in the suite.</summary>
    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable(Env) is { Length: > 0 } r
            ? r
            : throw new InvalidOperationException(
                $"Cluster tests need the environment variable {Env}, e.g. '127.0.0.1:6380'. Run ./test.sh, or tools/start-redis.sh and export it.");

    /// <summary>A prefix of its own, so parallel test clusters on one Redis never hear each other.</summary>
    public static string NewPrefix() => "otklik-test-" + Guid.NewGuid().ToString("N")[..12];
}
