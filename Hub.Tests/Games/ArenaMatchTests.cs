using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

public sealed class ArenaMatchTests
{
    private const double StepDistance = 200.0 / 20; // Games:ArenaSpeed × 1 / Games:TickRate, the defaults

    [Fact]
    public void AThousandInputsInOneTickMoveAPlayerNoFurtherThanSpeedTimesTheTick()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        var before = PositionOf(match, "a");

        for (var i = 0; i < 1_000; i++)
        {
            match.QueueInput("a", i + 1, GameTestSetup.Input(1, 1));
        }

        match.Step();

        var after = PositionOf(match, "a");
        Assert.InRange(Distance(before, after), StepDistance - 1e-9, StepDistance + 1e-9); // moved, diagonally, one step
        Assert.Equal(1_000, match.CollectDeltas().Single().Delta.LastInputSequence);
    }

    [Fact]
    public void NoInputRateMovesAPlayerFasterThanTheSpeedCapOverManyTicks()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        var random = new Random(5);
        var sequence = 0L;
        for (var tick = 0; tick < 200; tick++)
        {
            var before = PositionOf(match, "a");
            for (var i = random.Next(0, 60); i > 0; i--)
            {
                match.QueueInput("a", ++sequence, GameTestSetup.Input((random.NextDouble() - 0.5) * 1e6, (random.NextDouble() - 0.5) * 1e6));
            }

            match.Step();
            Assert.True(Distance(before, PositionOf(match, "a")) <= StepDistance + 1e-9, $"tick {tick} moved too far");
        }
    }

    [Fact]
    public void AnInputBeyondOneIsClampedAndPositionAndScoreFieldsAreIgnored()
    {
        var input = new MatchInput(new Dictionary<string, object?>
        {
            ["dx"] = 40.0, ["dy"] = -0.5, ["x"] = 999.0, ["y"] = 999.0, ["score"] = 1_000,
        });

        Assert.Equal(new ArenaInput(1, -0.5), ArenaMatch.ParseInput(input));

        var (arena, _) = GameTestSetup.BareArena();
        arena.Join("a", "Alice");
        var before = ArenaProbe.Position(arena, "a");
        arena.ApplyInput("a", ArenaMatch.ParseInput(input));
        arena.Step();

        var after = ArenaProbe.Position(arena, "a");
        var length = Math.Sqrt(1 + 0.25);
        Assert.Equal(before.X + (StepDistance / length), after.X, 9);
        Assert.Equal(before.Y - (0.5 * StepDistance / length), after.Y, 9);
        Assert.Equal(0, ArenaProbe.Score(arena, "a"));
    }

    [Fact]
    public void APlayerStaysInsideTheField()
    {
        var (arena, _) = GameTestSetup.BareArena();
        arena.Join("a", "Alice");
        arena.ApplyInput("a", new ArenaInput(-1, 1));

        for (var tick = 0; tick < 150; tick++) // 1,500 units of travel: further than the field is wide
        {
            arena.Step();
        }

        Assert.Equal((0.0, ArenaRules.FieldSize), ArenaProbe.Position(arena, "a"));
    }

    [Fact]
    public void APlayerKeepsMovingOnItsLastInputAndStopsOnAZeroInput()
    {
        var (arena, _) = GameTestSetup.BareArena();
        arena.Join("a", "Alice");
        arena.ApplyInput("a", new ArenaInput(0, 0));
        arena.Step();
        var start = ArenaProbe.Position(arena, "a");

        arena.ApplyInput("a", new ArenaInput(1, 0));
        arena.Step();
        arena.Step();
        var moved = ArenaProbe.Position(arena, "a");
        arena.ApplyInput("a", new ArenaInput(0, 0));
        arena.Step();

        Assert.Equal(Math.Min(start.X + (2 * StepDistance), ArenaRules.FieldSize), moved.X, 9);
        Assert.Equal(moved, ArenaProbe.Position(arena, "a"));
    }

    [Fact]
    public void TouchingAGemScoresOneAndTheGemRespawnsAtAFreeSpot()
    {
        var (arena, entities) = GameTestSetup.BareArena(seed: 3);
        arena.Join("a", "Alice");

        var (gem, _) = ArenaProbe.WalkToNearestGem(arena, "a");

        Assert.Equal(1, ArenaProbe.Score(arena, "a"));
        var gems = ArenaProbe.Gems(arena);
        Assert.Equal(ArenaRules.GemCount, gems.Length);
        Assert.DoesNotContain(gem, gems);
        var player = ArenaProbe.Position(arena, "a");
        Assert.All(gems, g => Assert.True(Distance(player, (g.X, g.Y)) >= ArenaRules.SpawnClearance, $"gem at {g} is not free"));
        Assert.True(entities.TryGetValue("player:a", out var shown));
        Assert.Equal(1, Assert.IsType<ArenaPlayerEntity>(shown).Score);
        Assert.Equal(ArenaRules.GemCount + 1, entities.Count);
    }

    [Fact]
    public void ARoundEndsAfterTheRoundLengthWithItsFinalScoresThenScoresReset()
    {
        var options = GameTestSetup.Options(o => o.RoundLength = TimeSpan.FromSeconds(60)); // 1,200 ticks
        var (arena, entities) = GameTestSetup.BareArena(options, seed: 3);
        arena.Join("a", "Alice");
        arena.Join("b", "Bob");
        var (_, ticks) = ArenaProbe.WalkToNearestGem(arena, "a");

        var stepsToEnd = 1_200 - ticks;
        for (var i = 1; i < stepsToEnd; i++)
        {
            Assert.Null(arena.Step());
        }

        var finalScores = arena.Step();

        Assert.NotNull(finalScores);
        Assert.Equal(["a", "b"], finalScores.Select(s => s.PlayerId));
        Assert.Equal([1, 0], finalScores.Select(s => s.Points));
        Assert.Equal("Alice", finalScores[0].Name);
        Assert.All(arena.Scores(), s => Assert.Equal(0, s.Points));
        Assert.True(entities.TryGetValue("player:a", out var shown));
        Assert.Equal(0, Assert.IsType<ArenaPlayerEntity>(shown).Score);
        Assert.Null(arena.Step()); // the match goes on into the next round
    }

    [Fact]
    public void TwoMatchesWithTheSameSeedAndInputsEndIdentical()
    {
        var first = PlayScript(seed: 42, ticks: 600);
        var second = PlayScript(seed: 42, ticks: 600);
        var other = PlayScript(seed: 43, ticks: 600);

        Assert.Equal(first.Save(), second.Save());
        Assert.NotEqual(first.Save(), other.Save());
    }

    [Fact]
    public void AMatchSavedAndRestoredMidwayEndsExactlyAsOneThatNeverStopped()
    {
        var options = GameTestSetup.Options(o => o.RoundLength = TimeSpan.FromSeconds(10)); // several rounds in the run
        var neverStopped = PlayScript(seed: 7, ticks: 1_200, options: options);

        var saved = PlayScript(seed: 7, ticks: 600, options: options).Save();
        var resumed = Match.Restore(saved, GameTestSetup.Kinds, options);
        Assert.Equal(saved, resumed.Save());
        PlayScript(resumed, seed: 7, fromTick: 600, ticks: 1_200);

        Assert.Equal(1_200, resumed.Tick);
        Assert.Equal(neverStopped.Save(), resumed.Save());
        Assert.Equal(neverStopped.Scores(), resumed.Scores());
    }

    private static Match PlayScript(ulong seed, int ticks, GamesOptions? options = null) =>
        PlayScript(GameTestSetup.Arena(options, seed), seed, fromTick: 0, ticks);

    /// <summary>
    /// Four players joining at different ticks (one leaving), each sending random inputs some ticks: the same script
    /// for the same seed, so a run can be cut anywhere and continued.
    /// </summary>
    private static Match PlayScript(Match match, ulong seed, int fromTick, int ticks)
    {
        for (var tick = fromTick; tick < ticks; tick++)
        {
            var random = new Random(HashCode.Combine(seed, tick));
            foreach (var (player, joinAt) in new[] { ("a", 0), ("b", 0), ("c", 30), ("d", 250) })
            {
                if (tick == joinAt)
                {
                    match.TryJoin(player, player.ToUpperInvariant(), out _);
                }

                if (tick > joinAt && random.Next(3) == 0)
                {
                    match.QueueInput(player, tick, GameTestSetup.Input((random.NextDouble() * 3) - 1.5, (random.NextDouble() * 3) - 1.5));
                }
            }

            if (tick == 700)
            {
                match.Leave("c");
            }

            match.Step();
        }

        return match;
    }

    private static (double X, double Y) PositionOf(Match match, string playerId) => ArenaProbe.Position(match, playerId);

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
