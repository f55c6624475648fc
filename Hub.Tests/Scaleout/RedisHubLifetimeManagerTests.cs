using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

public sealed class RedisHubLifetimeManagerTests(TwoNodeRedisCluster cluster)
    : HubLifetimeManagerBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
