namespace RealtimeHub.Tests.Games;

/// <summary>Section 11 on two nodes sharing one Redis; consecutive players sit on different nodes.</summary>
public sealed class TwoNodeRedisGameBehaviourTests(GameTwoNodeRedisCluster cluster)
    : GameBehaviourTests<GameTwoNodeRedisCluster>(cluster), IClassFixture<GameTwoNodeRedisCluster>;
