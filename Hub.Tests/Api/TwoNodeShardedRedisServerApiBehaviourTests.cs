using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>The server API on two nodes over a three-master Redis Cluster: calls on one node, users on the other.</summary>
public sealed class TwoNodeShardedRedisServerApiBehaviourTests(TwoNodeShardedRedisCluster cluster)
    : ServerApiBehaviourTests<TwoNodeShardedRedisCluster>(cluster), IClassFixture<TwoNodeShardedRedisCluster>;
