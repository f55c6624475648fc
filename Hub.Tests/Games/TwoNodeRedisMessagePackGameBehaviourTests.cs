using RealtimeHub.Client;

namespace RealtimeHub.Tests.Games;

/// <summary>Section 11 on two nodes sharing one Redis, every player speaking MessagePack.</summary>
public sealed class TwoNodeRedisMessagePackGameBehaviourTests(GameTwoNodeRedisCluster cluster)
    : GameBehaviourTests<GameTwoNodeRedisCluster>(cluster), IClassFixture<GameTwoNodeRedisCluster>
{
    protected override ChatProtocol Protocol => ChatProtocol.MessagePack;
}
