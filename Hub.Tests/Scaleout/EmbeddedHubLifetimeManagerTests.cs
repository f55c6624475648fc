using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

public sealed class EmbeddedHubLifetimeManagerTests(EmbeddedCluster cluster)
    : HubLifetimeManagerBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
