using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>Private rooms on two nodes sharing one Redis: revokes on one node reach connections on the other.</summary>
public sealed class TwoNodeRedisPrivateRoomBehaviourTests(TwoNodeRedisCluster cluster)
    : PrivateRoomBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
