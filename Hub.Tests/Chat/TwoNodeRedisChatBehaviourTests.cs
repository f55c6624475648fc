using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on two nodes sharing one Redis; consecutive clients sit on different nodes.</summary>
public sealed class TwoNodeRedisChatBehaviourTests(TwoNodeRedisCluster cluster)
    : ChatBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
