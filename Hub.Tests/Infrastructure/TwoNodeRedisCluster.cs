namespace RealtimeHub.Tests.Infrastructure;

public sealed class TwoNodeRedisCluster() : RedisCluster<RedisServerFixture>(2);
