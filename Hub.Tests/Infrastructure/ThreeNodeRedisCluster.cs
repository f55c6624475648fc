namespace RealtimeHub.Tests.Infrastructure;

public sealed class ThreeNodeRedisCluster() : RedisCluster<RedisServerFixture>(3);
