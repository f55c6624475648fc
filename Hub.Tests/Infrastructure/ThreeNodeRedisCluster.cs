namespace RealtimeHub.Tests.Infrastructure;

public sealed class ThreeNodeRedisCluster() : RedisCluster(3);
