using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>The server API on two nodes sharing one Redis: calls on one node, users on the other.</summary>
public sealed class TwoNodeRedisServerApiBehaviourTests(TwoNodeRedisCluster cluster)
    : ServerApiBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
