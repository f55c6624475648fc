namespace RealtimeHub.Server.Games.Internal;

/// <summary>A match on a <see cref="MatchLoop"/>, with what it owes its observer after the current burst of ticks.</summary>
internal sealed class HostedMatch(Match match, IMatchObserver observer)
{
    public Match Match { get; } = match;

    public IMatchObserver Observer { get; } = observer;

    public bool StateDue { get; set; }

    public bool ScoreboardDue { get; set; }

    /// <summary>Set when the simulation threw: the match is off the loop and gets no more steps, even within the current burst.</summary>
    public bool Faulted { get; set; }
}
