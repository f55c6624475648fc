using Microsoft.Extensions.Logging;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using RealtimeHub.Tests.Security;

namespace RealtimeHub.Tests.Redis;

/// <summary>A Redis that may evict keys loses history and presence under memory pressure: the node says so when it connects.</summary>
public sealed class RedisMemoryPolicyTests
{
    [Theory]
    [InlineData("allkeys-lru", true)]
    [InlineData("volatile-ttl", true)]
    [InlineData("noeviction", false)]
    public async Task AnEvictingMaxmemoryPolicyIsWarnedAboutWhenTheNodeConnects(string policy, bool warned)
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--maxmemory-policy", policy);
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var monitor = new RedisConnectionMonitor(connection, factory.CreateLogger<RedisConnectionMonitor>());

        Assert.Equal(policy, await monitor.CheckMemoryPolicyAsync()); // read without admin rights
        Assert.Equal(warned, logs.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains(policy, StringComparison.Ordinal)));
    }
}
