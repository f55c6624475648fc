using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>Live feeds on two nodes sharing one Redis; publishers and watchers sit on different nodes.</summary>
public sealed class TwoNodeRedisLiveBehaviourTests(TwoNodeRedisCluster cluster)
    : LiveBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
