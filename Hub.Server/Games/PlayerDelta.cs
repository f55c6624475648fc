using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games;

/// <summary>The delta one player of a match is to be sent.</summary>
public readonly record struct PlayerDelta(string PlayerId, MatchDelta Delta);
