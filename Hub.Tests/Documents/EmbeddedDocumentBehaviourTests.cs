using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>The document hub contract on one embedded node.</summary>
public sealed class EmbeddedDocumentBehaviourTests(EmbeddedCluster cluster)
    : DocumentBehaviourTests<EmbeddedCluster>(cluster), IClassFixture<EmbeddedCluster>;
