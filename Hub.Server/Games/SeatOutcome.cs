namespace RealtimeHub.Server.Games;

/// <summary>What a seat request came to.</summary>
public enum SeatOutcome
{
    /// <summary>The player holds a seat in <see cref="SeatClaim.MatchId"/> (its own again, or a free one).</summary>
    Seated,

    /// <summary>No match had a free seat: <see cref="SeatClaim.MatchId"/> is new, its first seat the player's, and this node runs it.</summary>
    Created,

    /// <summary>Every seat of the match is held.</summary>
    Full,

    /// <summary>No match has that id.</summary>
    NoSuchMatch,
}
