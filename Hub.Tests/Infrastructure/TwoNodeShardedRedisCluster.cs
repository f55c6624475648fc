namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Two hub nodes on a three-master Redis Cluster, under a prefix no other test uses.</summary>
public sealed class TwoNodeShardedRedisCluster() : RedisCluster<ShardedRedis>(2);
