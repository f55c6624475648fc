using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>One embedded node with <see cref="GameSettings.Behaviour"/>.</summary>
public sealed class GameEmbeddedCluster() : EmbeddedCluster(GameSettings.Behaviour);
