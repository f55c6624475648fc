namespace RealtimeHub.Server.Games.Internal;

/// <summary>To the match's node: seat this player (its seat is already held in the directory) and answer with its full view.</summary>
public sealed record JoinRequest(string Origin, long RequestId, string PlayerId, string Name) : MatchBusMessage(Origin);
