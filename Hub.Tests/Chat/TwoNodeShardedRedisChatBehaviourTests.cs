using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on two nodes over a three-master Redis Cluster (sharded pub/sub); consecutive clients sit on different nodes.</summary>
public sealed class TwoNodeShardedRedisChatBehaviourTests(TwoNodeShardedRedisCluster cluster)
    : ChatBehaviourTests<TwoNodeShardedRedisCluster>(cluster), IClassFixture<TwoNodeShardedRedisCluster>;
