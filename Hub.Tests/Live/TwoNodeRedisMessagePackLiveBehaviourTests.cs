using RealtimeHub.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>Live feeds on two nodes sharing one Redis, every watcher speaking MessagePack.</summary>
public sealed class TwoNodeRedisMessagePackLiveBehaviourTests(TwoNodeRedisCluster cluster)
    : LiveBehaviourTests<TwoNodeRedisCluster>(cluster), IClassFixture<TwoNodeRedisCluster>
{
    protected override ChatProtocol Protocol => ChatProtocol.MessagePack;
}
