namespace RealtimeHub.Server.Games.Internal;

/// <summary>A seated player as the match host sees it: its input queue of one (the newest wins), and its view.</summary>
internal sealed class MatchSeat(string playerId, string name, long lastInputSequence)
{
    public string PlayerId { get; } = playerId;

    public string Name { get; } = name;

    /// <summary>The sequence of the newest input the simulation applied; 0 before the first.</summary>
    public long LastInputSequence { get; set; } = lastInputSequence;

    /// <summary>The newest input received since the last tick, as the kind parsed it; null when none came.</summary>
    public object? PendingInput { get; set; }

    public long PendingSequence { get; set; }

    public PlayerViewState View { get; } = new();

    /// <summary>The tick of the last full view handed out with a join; -1 before any.</summary>
    public long JoinViewTick { get; set; } = -1;
}
