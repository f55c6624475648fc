using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>Two nodes on a three-master Redis Cluster with <see cref="GameSettings.Behaviour"/>.</summary>
public sealed class GameShardedRedisCluster() : RedisCluster<ShardedRedis>(2, settings: GameSettings.Behaviour);
