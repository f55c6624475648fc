namespace RealtimeHub.Contracts.Games;

/// <summary>Limits and fixed values of multiplayer matches that both sides rely on.</summary>
public static class GameLimits
{
    /// <summary>Match ids are opaque, 1–64 of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public const int MaxMatchIdLength = 64;

    /// <summary>The arena field is this many units wide and high; positions are clamped to 0…this.</summary>
    public const double ArenaFieldSize = 1000;

    /// <summary>An arena input's <c>dx</c> and <c>dy</c> are each clamped to −this…this.</summary>
    public const double ArenaMaxAxis = 1;
}
