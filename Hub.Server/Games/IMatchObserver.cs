using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Where a <see cref="MatchLoop"/> hands what a match produces. Called on the loop's thread between ticks: hand the
/// work off (queue the sends) and return, never block or wait, or every match on the loop runs late.
/// </summary>
public interface IMatchObserver
{
    /// <summary>Every <c>Games:StateInterval</c>: one delta per seated player.</summary>
    void StateReady(Match match, PlayerDelta[] deltas);

    /// <summary>Every <c>Games:ScoreboardInterval</c>: the seated players' scores, best first.</summary>
    void ScoreboardReady(Match match, Score[] scores);

    /// <summary>A round ended with these scores; the match goes on with scores reset.</summary>
    void RoundEnded(Match match, Score[] finalScores);

    /// <summary>The simulation threw; the loop stopped running the match (its last saved state is intact).</summary>
    void Faulted(Match match, Exception exception);
}
