using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Tests.Games;

/// <summary>A <c>Scoreboard</c> or <c>MatchEnded</c> as a probe received it.</summary>
public sealed record ScoresEvent(string MatchId, Score[] Scores)
{
    public override string ToString() => $"{MatchId}: {string.Join(", ", Scores.Select(s => $"{s.PlayerId}={s.Points}"))}";
}
