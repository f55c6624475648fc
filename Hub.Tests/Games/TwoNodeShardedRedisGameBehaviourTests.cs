namespace RealtimeHub.Tests.Games;

/// <summary>Section 11 on two nodes over a three-master Redis Cluster (sharded channels, one slot per kind and per match).</summary>
public sealed class TwoNodeShardedRedisGameBehaviourTests(GameShardedRedisCluster cluster)
    : GameBehaviourTests<GameShardedRedisCluster>(cluster), IClassFixture<GameShardedRedisCluster>;
