namespace RealtimeHub.Server.Games.Internal;

/// <summary>A match on a <see cref="MatchLoop"/>, with what it owes its observer after the current burst of ticks.</summary>
internal sealed class HostedMatch(Match match, IMatchObserver observer)
{
    private bool _stopped;

    public Match Match { get; } = match;

    public IMatchObserver Observer { get; } = observer;

    public bool StateDue { get; set; }

    public bool ScoreboardDue { get; set; }

    /// <summary>Set when the match was removed or its simulation threw: no more steps, even within the current burst of ticks.</summary>
    public bool Stopped
    {
        get => Volatile.Read(ref _stopped);
        set => Volatile.Write(ref _stopped, value);
    }
}
