using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>Two nodes on one Redis with <see cref="GameSettings.Behaviour"/>.</summary>
public sealed class GameTwoNodeRedisCluster() : RedisCluster<RedisServerFixture>(2, settings: GameSettings.Behaviour);
