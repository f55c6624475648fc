using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>Live feeds on two nodes over a three-master Redis Cluster (feeds' channels sharded); publishers and watchers sit on different nodes.</summary>
public sealed class TwoNodeShardedRedisLiveBehaviourTests(TwoNodeShardedRedisCluster cluster)
    : LiveBehaviourTests<TwoNodeShardedRedisCluster>(cluster), IClassFixture<TwoNodeShardedRedisCluster>;
