using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>Live feeds on one embedded node.</summary>
public sealed class EmbeddedLiveBehaviourTests(EmbeddedCluster cluster)
    : LiveBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
