using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>Private rooms on two nodes over a three-master Redis Cluster (room access under the room's hash tag).</summary>
public sealed class TwoNodeShardedRedisPrivateRoomBehaviourTests(TwoNodeShardedRedisCluster cluster)
    : PrivateRoomBehaviourTests<TwoNodeShardedRedisCluster>(cluster), IClassFixture<TwoNodeShardedRedisCluster>;
