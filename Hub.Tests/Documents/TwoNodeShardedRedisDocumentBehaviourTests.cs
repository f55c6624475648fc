using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>The document hub contract on two nodes over a three-master Redis Cluster (sharded pub/sub); consecutive clients sit on different nodes.</summary>
public sealed class TwoNodeShardedRedisDocumentBehaviourTests(TwoNodeShardedRedisCluster cluster)
    : DocumentBehaviourTests<TwoNodeShardedRedisCluster>(cluster), IClassFixture<TwoNodeShardedRedisCluster>;
