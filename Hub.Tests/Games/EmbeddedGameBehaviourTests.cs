namespace RealtimeHub.Tests.Games;

/// <summary>Section 11 on one embedded node.</summary>
public sealed class EmbeddedGameBehaviourTests(GameEmbeddedCluster cluster)
    : GameBehaviourTests<GameEmbeddedCluster>(cluster), IClassFixture<GameEmbeddedCluster>;
