using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

public sealed class RedisHubLifetimeManagerTests(TwoNodeRedisCluster cluster)
    : ScaleoutHubLifetimeManagerBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
