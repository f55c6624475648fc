using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>Private rooms on one embedded node.</summary>
public sealed class EmbeddedPrivateRoomBehaviourTests(EmbeddedCluster cluster)
    : PrivateRoomBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
