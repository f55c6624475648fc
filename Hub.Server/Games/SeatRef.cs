namespace RealtimeHub.Server.Games;

/// <summary>A player's seat in a match.</summary>
public readonly record struct SeatRef(string MatchId, string PlayerId);
