namespace RealtimeHub.Contracts.Games;

/// <summary>Prefixes of the errors the hub at <see cref="HubRoutes.Game"/> answers with.</summary>
public static class GameErrors
{
    /// <summary>No game kind of that name runs on this hub.</summary>
    public const string InvalidKind = "invalid kind";

    /// <summary>The match id is malformed, or no running match has it.</summary>
    public const string NoSuchMatch = "no such match";

    /// <summary>Every seat of the match is taken (seats within their reconnect grace included).</summary>
    public const string MatchFull = "match full";

    /// <summary>The caller holds no seat in that match.</summary>
    public const string NotInMatch = "not in match";

    /// <summary>More than <c>Games:MaxInputsPerSecond</c> inputs from this player; the input was dropped.</summary>
    public const string RateLimited = ChatErrors.RateLimited;

    /// <summary>Not a rule violation: the node cannot reach Redis now (section 4's prefix). Retry later.</summary>
    public const string Unavailable = ChatErrors.Unavailable;
}
