using RealtimeHub.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>The document hub contract on two nodes sharing one Redis, every client speaking MessagePack (byte arrays as bin).</summary>
public sealed class TwoNodeRedisMessagePackDocumentBehaviourTests(TwoNodeRedisCluster cluster)
    : DocumentBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>
{
    protected override ChatProtocol Protocol => ChatProtocol.MessagePack;
}
