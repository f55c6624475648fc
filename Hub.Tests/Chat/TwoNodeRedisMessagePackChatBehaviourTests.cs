using RealtimeHub.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>The hub contract on two nodes sharing one Redis, every client speaking MessagePack.</summary>
public sealed class TwoNodeRedisMessagePackChatBehaviourTests(TwoNodeRedisCluster cluster)
    : ChatBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>
{
    protected override ChatProtocol Protocol => ChatProtocol.MessagePack;
}
