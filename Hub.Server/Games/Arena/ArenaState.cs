namespace RealtimeHub.Server.Games.Arena;

/// <summary>Everything an arena match is, as saved: the match resumes from it exactly, random draws included.</summary>
internal sealed class ArenaState
{
    /// <summary>The <see cref="GameRandom"/> state.</summary>
    public ulong Random { get; set; }

    /// <summary>Ticks played in the current round.</summary>
    public long RoundTick { get; set; }

    /// <summary>Rounds finished.</summary>
    public int Round { get; set; }

    /// <summary>In seat order (the order moves and touches are resolved in).</summary>
    public List<ArenaPlayerState> Players { get; set; } = [];

    /// <summary>Gem n at index n.</summary>
    public List<ArenaGemState> Gems { get; set; } = [];
}
