using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.Games;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>The loop under a fake clock: time moves only when a test advances it.</summary>
public sealed class MatchLoopTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void EachTickOfTheClockStepsEveryMatchOnce()
    {
        var (loop, time) = Loop();
        var first = GameTestSetup.Arena();
        var second = Match.Create("m2", GameKind.Of<TallyKind>(), GameTestSetup.Options(), seed: 0);
        loop.Add(first, new RecordingMatchObserver());
        loop.Add(second, new RecordingMatchObserver());

        for (var i = 0; i < 20; i++)
        {
            time.Advance(Tick);
            loop.RunDueTicks();
            loop.RunDueTicks(); // nothing more is due
        }

        Assert.Equal((20L, 20L), (first.Tick, second.Tick));
        Assert.Equal((2, 20L, 0L, 0L), (loop.Stats.Matches, loop.Stats.Ticks, loop.Stats.LateTicks, loop.Stats.SkippedTicks));
    }

    [Fact]
    public void NoTickRunsBeforeItIsDue()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        loop.Add(match, new RecordingMatchObserver());

        time.Advance(Tick - TimeSpan.FromTicks(1));
        loop.RunDueTicks();
        Assert.Equal(0, match.Tick);

        time.Advance(TimeSpan.FromTicks(1));
        loop.RunDueTicks();
        Assert.Equal(1, match.Tick);
    }

    [Fact]
    public void AfterAStallTheLoopCatchesUpEveryMissedTickAndCountsThemLate()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        var observer = new RecordingMatchObserver();
        loop.Add(match, observer);

        time.Advance(TimeSpan.FromMilliseconds(300)); // six ticks due at once
        loop.RunDueTicks();

        Assert.Equal(6, match.Tick);
        Assert.Equal((6L, 5L, 0L), (loop.Stats.Ticks, loop.Stats.LateTicks, loop.Stats.SkippedTicks)); // the sixth is on time
        Assert.Equal([6L], observer.States.Select(s => s.Tick)); // one state after the burst, not three
    }

    [Fact]
    public void AStallLongerThanTheCatchUpBoundSkipsTheExcessTicksAndTheClockGoesOnFromThere()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        loop.Add(match, new RecordingMatchObserver());

        time.Advance(TimeSpan.FromSeconds(2)); // 40 ticks due; 10 (500 ms) are caught up
        loop.RunDueTicks();

        Assert.Equal(10, match.Tick);
        Assert.Equal((10L, 30L), (loop.Stats.Ticks, loop.Stats.SkippedTicks));

        time.Advance(Tick);
        loop.RunDueTicks();
        Assert.Equal(11, match.Tick);
    }

    [Fact]
    public void StateComesEveryStateIntervalAndTheScoreboardEveryScoreboardInterval()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        var observer = new RecordingMatchObserver();
        loop.Add(match, observer);

        for (var i = 0; i < 20; i++)
        {
            time.Advance(Tick);
            loop.RunDueTicks();
        }

        Assert.Equal([2L, 4, 6, 8, 10, 12, 14, 16, 18, 20], observer.States.Select(s => s.Tick));
        Assert.All(observer.States, s => Assert.Equal("a", Assert.Single(s.Deltas).PlayerId));
        Assert.Equal([10L, 20], observer.Scoreboards.Select(s => s.Tick));
        Assert.Equal("Alice", Assert.Single(observer.Scoreboards[0].Scores).Name);
    }

    [Fact]
    public void TheEndOfARoundIsHandedOutAtItsTick()
    {
        var options = GameTestSetup.Options(o => o.RoundLength = TimeSpan.FromSeconds(1));
        var (loop, time) = Loop(options);
        var match = GameTestSetup.Arena(options);
        match.TryJoin("a", "Alice", out _);
        var observer = new RecordingMatchObserver();
        loop.Add(match, observer);

        for (var i = 0; i < 45; i++)
        {
            time.Advance(Tick);
            loop.RunDueTicks();
        }

        Assert.Equal([20L, 40], observer.RoundEnds.Select(r => r.Tick));
        Assert.Equal("a", Assert.Single(observer.RoundEnds[0].Scores).PlayerId);
    }

    [Fact]
    public void AFailingObserverDoesNotStopTheMatch()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        loop.Add(match, new RecordingMatchObserver { Throw = true });

        time.Advance(TimeSpan.FromMilliseconds(500));
        loop.RunDueTicks();

        Assert.Equal(10, match.Tick);
        Assert.Single(loop.Matches);
    }

    [Fact]
    public void AFailingSimulationIsTakenOffTheLoopAndItsObserverToldWhileOtherMatchesGoOn()
    {
        var (loop, time) = Loop();
        var broken = Match.Create("broken", GameKind.Of<TallyKind>(), GameTestSetup.Options(), seed: 0);
        broken.TryJoin("x", "boom", out _);
        var healthy = GameTestSetup.Arena();
        var observer = new RecordingMatchObserver();
        loop.Add(broken, observer);
        loop.Add(healthy, new RecordingMatchObserver());

        time.Advance(TimeSpan.FromMilliseconds(150));
        loop.RunDueTicks();

        Assert.Equal([healthy], loop.Matches);
        Assert.Equal(3, healthy.Tick);
        Assert.IsType<InvalidOperationException>(Assert.Single(observer.Faults));
    }

    [Fact]
    public void AMatchAddedOrRemovedBetweenTicksJoinsOrLeavesTheLoop()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        time.Advance(Tick);
        loop.RunDueTicks();

        loop.Add(match, new RecordingMatchObserver());
        Assert.Throws<InvalidOperationException>(() => loop.Add(match, new RecordingMatchObserver()));
        time.Advance(Tick);
        loop.RunDueTicks();
        Assert.True(loop.Remove(match));
        Assert.False(loop.Remove(match));
        time.Advance(Tick);
        loop.RunDueTicks();

        Assert.Equal(1, match.Tick);
    }

    [Fact]
    public void AMatchRemovedDuringABurstOfTicksIsNotSteppedAgainInIt()
    {
        var options = GameTestSetup.Options(o => o.RoundLength = Tick); // every tick ends a round
        var (loop, time) = Loop(options);
        var match = GameTestSetup.Arena(options);
        loop.Add(match, new RemovingObserver(loop));

        time.Advance(TimeSpan.FromMilliseconds(300));
        loop.RunDueTicks();

        Assert.Equal(1, match.Tick);
        Assert.Empty(loop.Matches);
    }

    [Fact]
    public void TickDurationsAreMeasuredOnTheLoopsClock()
    {
        var (loop, time) = Loop();
        var match = Match.Create("slow", GameKind.Of<TallyKind>(), GameTestSetup.Options(), seed: 0);
        var observer = new SlowObserver(time, TimeSpan.FromMilliseconds(20));
        loop.Add(match, observer);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(Tick);
            loop.RunDueTicks();
        }

        var stats = loop.Stats;
        Assert.True(stats.TickP50 <= TimeSpan.FromMicroseconds(1)); // ticks without a state to hand out cost nothing on a fake clock
        Assert.InRange(stats.TickP99, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(24)); // within a bucket's 19 %
        Assert.Equal(TimeSpan.FromMilliseconds(20), stats.TickMax);
    }

    [Fact]
    public async Task StartedOnATimerTheLoopTicksAsTheClockAdvances()
    {
        var (loop, time) = Loop();
        var match = GameTestSetup.Arena();
        loop.Add(match, new RecordingMatchObserver());
        await loop.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 1; i <= 20; i++)
            {
                time.Advance(Tick);
                await Poll.UntilAsync(() => Task.FromResult(match.Tick == i), $"tick {i}");
            }
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
        }

        Assert.Equal(20, match.Tick);
        Assert.Equal(0, loop.Stats.LateTicks);
    }

    private static (MatchLoop Loop, FakeTimeProvider Time) Loop(GamesOptions? options = null)
    {
        var time = new FakeTimeProvider();
        var loop = new MatchLoop(Microsoft.Extensions.Options.Options.Create(options ?? GameTestSetup.Options()), time, NullLogger<MatchLoop>.Instance);
        return (loop, time);
    }

    /// <summary>Takes the match off the loop at the end of its first round.</summary>
    private sealed class RemovingObserver(MatchLoop loop) : IMatchObserver
    {
        public void StateReady(Match match, PlayerDelta[] deltas)
        {
        }

        public void ScoreboardReady(Match match, RealtimeHub.Contracts.Games.Score[] scores)
        {
        }

        public void RoundEnded(Match match, RealtimeHub.Contracts.Games.Score[] finalScores) => loop.Remove(match);

        public void Faulted(Match match, Exception exception)
        {
        }
    }

    /// <summary>Takes <paramref name="cost"/> of the fake clock to hand out each state, as a slow tick would.</summary>
    private sealed class SlowObserver(FakeTimeProvider time, TimeSpan cost) : IMatchObserver
    {
        public void StateReady(Match match, PlayerDelta[] deltas) => time.Advance(cost);

        public void ScoreboardReady(Match match, RealtimeHub.Contracts.Games.Score[] scores)
        {
        }

        public void RoundEnded(Match match, RealtimeHub.Contracts.Games.Score[] finalScores)
        {
        }

        public void Faulted(Match match, Exception exception)
        {
        }
    }
}
