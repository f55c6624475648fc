namespace RealtimeHub.Server.Games.Internal;

/// <summary>To the match's node: the player left (<see cref="Left"/>), or its next state must be full (its node missed states).</summary>
public sealed record PlayerNotice(string Origin, string PlayerId, bool Left) : MatchBusMessage(Origin);
