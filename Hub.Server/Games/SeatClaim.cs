namespace RealtimeHub.Server.Games;

/// <summary>The answer to a seat request; <see cref="LeftMatchId"/> names the match whose seat the player gave up for this one.</summary>
public sealed record SeatClaim(SeatOutcome Outcome, string MatchId, string? LeftMatchId = null);
