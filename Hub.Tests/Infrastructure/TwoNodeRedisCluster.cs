namespace RealtimeHub.Tests.Infrastructure;

public sealed class TwoNodeRedisCluster() : RedisCluster(2);
