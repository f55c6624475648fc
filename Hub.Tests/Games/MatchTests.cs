using System.Text;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Games.Arena;

namespace RealtimeHub.Tests.Games;

public sealed class MatchTests
{
    [Fact]
    public void AJoinReturnsTheSeatWithTheFullStateAtTheCurrentTick()
    {
        var match = GameTestSetup.Arena();
        match.Step();
        match.Step();

        Assert.True(match.TryJoin("a", "Alice", out var join));

        Assert.Equal(("m1", GameKinds.Arena, "a", 2L), (join.MatchId, join.Kind, join.PlayerId, join.Tick));
        Assert.True(join.State.Full);
        Assert.Equal(2, join.State.Tick);
        Assert.Equal(0, join.State.LastInputSequence);
        var me = Assert.IsType<ArenaPlayerEntity>(join.State.Entities["player:a"]);
        Assert.Equal(("Alice", 0), (me.Name, me.Score));
        Assert.All(join.State.Entities.Values, Assert.NotNull);
    }

    [Fact]
    public void SeatsRunOutAtSeatsPerMatchAndAPlayerWhoHoldsASeatGetsItBack()
    {
        var match = GameTestSetup.Arena(GameTestSetup.Options(o => o.SeatsPerMatch = 2));
        Assert.True(match.TryJoin("a", "Alice", out _));
        Assert.True(match.TryJoin("b", "Bob", out _));

        Assert.False(match.TryJoin("c", "Carol", out var refused));
        Assert.Null(refused);
        Assert.True(match.TryJoin("a", "Alice", out var again));
        Assert.True(again.State.Full);
        Assert.Equal(2, match.SeatCount);

        Assert.True(match.Leave("b"));
        Assert.False(match.Leave("b"));
        Assert.True(match.TryJoin("c", "Carol", out _));
    }

    [Fact]
    public void TheNewestInputBeforeATickIsTheOneAppliedAndItsSequenceIsReported()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        var start = ArenaProbe.Position(match, "a");

        match.QueueInput("a", 7, GameTestSetup.Input(-1, 0));
        match.QueueInput("a", 8, GameTestSetup.Input(1, 0)); // arrived last: wins
        match.Step();

        var moved = ArenaProbe.Position(match, "a");
        Assert.Equal(start.X + 10, moved.X, 9);
        Assert.Equal(8, match.CollectDeltas().Single().Delta.LastInputSequence);

        match.Step(); // no new input: the same direction holds, the sequence stays
        Assert.Equal(start.X + 20, ArenaProbe.Position(match, "a").X, 9);
        Assert.Equal(8, match.CollectDeltas().Single().Delta.LastInputSequence);
    }

    [Fact]
    public void AnInputIsNotAppliedBeforeTheNextTick()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        var start = ArenaProbe.Position(match, "a");

        match.QueueInput("a", 1, GameTestSetup.Input(1, 0));

        Assert.Equal(start, ArenaProbe.Position(match, "a"));
        Assert.Empty(match.CollectDeltas()); // the join's own tick: its full view is the newest state, no delta follows it
    }

    [Fact]
    public void WhatChangesAfterAJoinInItsOwnTickReachesTheJoinerInItsNextDelta()
    {
        var match = GameTestSetup.Arena(GameTestSetup.Options(o => o.ViewRadius = 1500)); // everyone in view
        match.Step();
        match.TryJoin("b", "Bob", out _);
        match.TryJoin("a", "Alice", out var join);
        match.Leave("b"); // same tick, after Alice's full view showed Bob

        var sameTick = match.CollectDeltas();
        match.Step();
        var next = match.CollectDeltas().Single(d => d.PlayerId == "a").Delta;

        Assert.Contains("player:b", join!.State.Entities.Keys);
        Assert.DoesNotContain(sameTick, d => d.PlayerId == "a"); // a delta of the join's tick is dropped on its way: none is made
        Assert.True(next.Entities.TryGetValue("player:b", out var bob) && bob is null, "Bob's leaving reaches Alice");
    }

    [Fact]
    public void InputFromAPlayerWithoutASeatIsRefused()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);

        Assert.False(match.QueueInput("b", 1, GameTestSetup.Input(1, 0)));
        Assert.False(match.RequestFullState("b"));
        match.Leave("a");
        Assert.False(match.QueueInput("a", 1, GameTestSetup.Input(1, 0)));
    }

    [Fact]
    public void ARestoredMatchKeepsItsSeatsTickAndInputSequencesAndSendsEachPlayerAFullStateFirst()
    {
        var match = GameTestSetup.Arena();
        match.TryJoin("a", "Alice", out _);
        match.TryJoin("b", "Bob", out _);
        match.QueueInput("a", 41, GameTestSetup.Input(1, 0));
        match.Step();
        match.CollectDeltas();

        var restored = Match.Restore(match.Save(), GameTestSetup.Kinds, GameTestSetup.Options());

        Assert.Equal((match.Id, 1L, 2), (restored.Id, restored.Tick, restored.SeatCount));
        Assert.True(restored.IsSeated("a") && restored.IsSeated("b"));
        var deltas = restored.CollectDeltas();
        Assert.All(deltas, d => Assert.True(d.Delta.Full));
        Assert.Equal(41, deltas.Single(d => d.PlayerId == "a").Delta.LastInputSequence);
        Assert.True(restored.TryJoin("c", "Carol", out _));
        Assert.Equal(3, restored.SeatCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"format\":1}")]
    [InlineData("{\"format\":99,\"matchId\":\"m\",\"kind\":\"arena\",\"tick\":1,\"seats\":[],\"state\":\"\"}")]
    [InlineData("{\"format\":1,\"matchId\":\"m\",\"kind\":\"chess\",\"tick\":1,\"seats\":[],\"state\":\"\"}")]
    [InlineData("{\"format\":1,\"matchId\":\"m\",\"kind\":\"arena\",\"tick\":1,\"seats\":[],\"state\":\"bm90IGpzb24=\"}")]
    public void BytesThatAreNotASavedMatchOfAKnownKindAreRefusedClearly(string saved) =>
        Assert.Throws<InvalidDataException>(() => Match.Restore(Encoding.UTF8.GetBytes(saved), GameTestSetup.Kinds, GameTestSetup.Options()));
}
