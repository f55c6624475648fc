using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Tests.Games;

/// <summary>Per-player deltas over an entity table, without a kind: the table is set by hand.</summary>
public sealed class MatchDeltaTests
{
    private const double Radius = 300;

    [Fact]
    public void TheFirstDeltaIsFullThenOnlyChangedEntitiesAreSent()
    {
        var (entities, view) = World();
        entities.Set("near", 100, 0, "n1");
        entities.Set("far", 1_000, 0, "f1");
        entities.Set("still", 0, 100, "s1");

        var first = Build(view, entities);
        entities.Set("near", 110, 0, "n2");
        entities.Set("still", 0, 100, "s1"); // set again, equal: not a change
        var second = Build(view, entities);
        var third = Build(view, entities);

        Assert.True(first.Full);
        Assert.Equal(["near", "still"], first.Entities.Keys.Order());
        Assert.False(second.Full);
        Assert.Equal(new Dictionary<string, object?> { ["near"] = "n2" }, second.Entities);
        Assert.Empty(third.Entities);
    }

    [Fact]
    public void AnEntityThatLeavesTheViewOrIsRemovedIsSentAsNullOnce()
    {
        var (entities, view) = World();
        entities.Set("walker", 100, 0, "w");
        entities.Set("gone", 0, 100, "g");
        Build(view, entities);

        entities.Set("walker", 301, 0, "w");
        entities.Remove("gone");
        var delta = Build(view, entities);
        var next = Build(view, entities);

        Assert.Equal(new Dictionary<string, object?> { ["walker"] = null, ["gone"] = null }, delta.Entities);
        Assert.Empty(next.Entities);
    }

    [Fact]
    public void AnEntityComingBackIntoViewIsSentAgainEvenUnchanged()
    {
        var (entities, view) = World();
        entities.Set("walker", 100, 0, "w");
        Build(view, entities);
        entities.Set("walker", 500, 0, "w");
        Build(view, entities);

        entities.Set("walker", 200, 0, "w");

        Assert.Equal(new Dictionary<string, object?> { ["walker"] = "w" }, Build(view, entities).Entities);
    }

    [Fact]
    public void AFullStateOnRequestHoldsEverythingInViewAndNoNulls()
    {
        var (entities, view) = World();
        entities.Set("a", 10, 10, "a");
        entities.Set("b", 20, 20, "b");
        Build(view, entities);
        entities.Remove("b");

        view.FullRequested = true;
        var full = Build(view, entities);

        Assert.True(full.Full);
        Assert.Equal(new Dictionary<string, object?> { ["a"] = "a" }, full.Entities);
        Assert.False(view.FullRequested);
    }

    [Fact]
    public void AnEntityWithoutAPositionIsSeenFromAnywhereAndAViewOfEverythingSeesAll()
    {
        var (entities, view) = World();
        entities.Set("clock", "12:00");
        entities.Set("far", 5_000, 5_000, "f");

        Assert.Equal(["clock"], Build(view, entities).Entities.Keys);
        Assert.Equal(["clock", "far"], new PlayerViewState().Build(entities, MatchView.Everything, 1, 0).Entities.Keys.Order());
    }

    [Fact]
    public void EachPlayerOfAMatchGetsItsOwnDeltaWithItsOwnInputSequence()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        match.TryJoin("b", "Bob", out _);
        match.QueueInput("a", 5, GameTestSetup.Input(1, 0));
        match.Step();

        var deltas = match.CollectDeltas();

        Assert.Equal(["a", "b"], deltas.Select(d => d.PlayerId));
        Assert.Equal([5L, 0L], deltas.Select(d => d.Delta.LastInputSequence));
        Assert.All(deltas, d => Assert.Equal(1, d.Delta.Tick));
        Assert.All(deltas, d => Assert.False(d.Delta.Full)); // the join sent the full state
        Assert.Contains("player:a", deltas[0].Delta.Entities.Keys); // a moved: its own delta shows it
        Assert.DoesNotContain("player:b", deltas[1].Delta.Entities.Keys); // b did not move, and already holds itself
    }

    private static (MatchEntities Entities, PlayerViewState View) World() => (new MatchEntities(Radius), new());

    private static MatchDelta Build(PlayerViewState view, MatchEntities entities) =>
        view.Build(entities, new MatchView(0, 0, Radius), tick: 1, lastInputSequence: 0);
}
