namespace RealtimeHub.Contracts.Games;

/// <summary>
/// A seat in a match: <see cref="PlayerId"/> is the caller's user id, <see cref="State"/> the player's full view at
/// <see cref="Tick"/>; later <c>MatchState</c> deltas build on it.
/// </summary>
public sealed record MatchJoin(string MatchId, string Kind, string PlayerId, long Tick, MatchDelta State);
