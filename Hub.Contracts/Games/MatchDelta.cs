namespace RealtimeHub.Contracts.Games;

/// <summary>
/// What one player is sent of a match's state at <see cref="Tick"/> (the simulation's tick count): the entities near
/// it that changed since the last delta it was sent, with <c>null</c> for those gone from its view, or all of them when
/// <see cref="Full"/> (the client then drops what it held). <see cref="LastInputSequence"/> is the newest of this
/// player's inputs the simulation has applied (0 before the first), for the client's reconciliation.
/// </summary>
/// <remarks>
/// Entity values are small objects of the game kind (arena: <c>player:&lt;playerId&gt;</c> <c>{ x, y, name, score }</c>,
/// <c>gem:&lt;n&gt;</c> <c>{ x, y }</c>), written as JSON objects or MessagePack maps with those field names.
/// </remarks>
public sealed record MatchDelta(long Tick, bool Full, Dictionary<string, object?> Entities, long LastInputSequence);
