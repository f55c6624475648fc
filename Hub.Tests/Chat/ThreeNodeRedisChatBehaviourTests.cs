using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on three nodes sharing one Redis.</summary>
public sealed class ThreeNodeRedisChatBehaviourTests(ThreeNodeRedisCluster cluster)
    : ChatBehaviourTests<ThreeNodeRedisCluster>(cluster), IClassFixture<ThreeNodeRedisCluster>;
