using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games;

namespace RealtimeHub.Tests.Games;

/// <summary>Keeps what a loop hands out, with the match's tick at that moment.</summary>
internal sealed class RecordingMatchObserver : IMatchObserver
{
    private readonly Lock _sync = new();

    public List<(long Tick, PlayerDelta[] Deltas)> States { get; } = [];

    public List<(long Tick, Score[] Scores)> Scoreboards { get; } = [];

    public List<(long Tick, Score[] Scores)> RoundEnds { get; } = [];

    public List<Exception> Faults { get; } = [];

    /// <summary>When set, every call throws after it was recorded (a broken sender).</summary>
    public bool Throw { get; set; }

    public void StateReady(Match match, PlayerDelta[] deltas) => Record(States, (match.Tick, deltas));

    public void ScoreboardReady(Match match, Score[] scores) => Record(Scoreboards, (match.Tick, scores));

    public void RoundEnded(Match match, Score[] finalScores) => Record(RoundEnds, (match.Tick, finalScores));

    public void Faulted(Match match, Exception exception) => Record(Faults, exception);

    private void Record<T>(List<T> list, T item)
    {
        lock (_sync)
        {
            list.Add(item);
        }

        if (Throw)
        {
            throw new InvalidOperationException("The observer failed.");
        }
    }
}
