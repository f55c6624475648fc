using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>The document hub contract on two nodes sharing one Redis; consecutive clients sit on different nodes.</summary>
public sealed class TwoNodeRedisDocumentBehaviourTests(TwoNodeRedisCluster cluster)
    : DocumentBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>;
