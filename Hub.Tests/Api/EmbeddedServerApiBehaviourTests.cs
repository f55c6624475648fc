using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>The server API on one embedded node.</summary>
public sealed class EmbeddedServerApiBehaviourTests(EmbeddedCluster cluster)
    : ServerApiBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
