using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.Games;

namespace RealtimeHub.Tests.Games;

/// <summary><see cref="TallyKind"/>, one test-only class, runs through the whole host: seats, inputs, the loop, deltas, saving.</summary>
public sealed class SecondKindTests
{
    [Fact]
    public void ASecondKindWrittenAsOneClassPlaysThroughTheMatchHostAndTheLoop()
    {
        var options = GameTestSetup.Options();
        var time = new FakeTimeProvider();
        var loop = new MatchLoop(Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<MatchLoop>.Instance);
        Assert.True(GameTestSetup.Kinds.TryGet("tally", out var kind));
        var match = Match.Create("t1", kind, options, seed: 0);
        var observer = new RecordingMatchObserver();
        loop.Add(match, observer);

        Assert.True(match.TryJoin("a", "Alice", out var join));
        match.TryJoin("b", "Bob", out _);
        match.QueueInput("a", 1, new MatchInput(JsonDocument.Parse("""{ "press": 5 }""").RootElement)); // clamped to 1
        for (var i = 0; i < 4; i++)
        {
            time.Advance(options.TickPeriod);
            loop.RunDueTicks();
        }

        Assert.Equal("tally", join.Kind);
        Assert.Equal(["tally:a"], join.State.Entities.Keys);
        var (tick, deltas) = observer.States[^1];
        Assert.Equal(4, tick);
        var forBob = deltas.Single(d => d.PlayerId == "b").Delta.Entities;
        Assert.Equal(4.0, Total(forBob["tally:a"])); // no space: Bob sees Alice's tally
        Assert.Equal([4, 0], match.Scores().Select(s => s.Points));

        var resumed = Match.Restore(match.Save(), GameTestSetup.Kinds, options);
        resumed.Step();
        Assert.Equal([5, 0], resumed.Scores().Select(s => s.Points));
    }

    private static double Total(object? entity) => (double)entity!.GetType().GetProperty("total")!.GetValue(entity)!;
}
