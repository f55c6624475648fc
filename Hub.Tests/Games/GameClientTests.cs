using System.Text.Json;
using RealtimeHub.Client;
using RealtimeHub.Client.Games;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary><see cref="GameClient"/> against one embedded node (shared by the class): seats, inputs, the state view, reconnecting.</summary>
public sealed class GameClientTests(GameEmbeddedCluster cluster) : IClassFixture<GameEmbeddedCluster>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    private HubNode Node => cluster.Nodes[0];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task AFoundMatchShowsTheOwnPlayerAndItMovesAfterNumberedInputs(ChatProtocol protocol)
    {
        var alice = await ConnectAsync(Node.BaseUri, "alice", protocol);

        var match = await alice.Client.FindMatchAsync(GameKinds.Arena);
        var start = Position(match.Self!.Value);
        var first = await alice.Client.SendInputAsync(match.MatchId, new { dx = 0.0, dy = 0.0 });
        var second = await alice.Client.SendInputAsync(match.MatchId, new { dx = start.X < 500 ? 1.0 : -1.0, dy = 0.0 });

        Assert.Equal((GameKinds.Arena, alice.UserId, 1L, 2L), (match.Kind, match.PlayerId, first, second));
        Assert.Same(match, alice.Client.Match(match.MatchId));
        await alice.WaitForViewAsync(match, m => m.LastInputSequence == 2 && Math.Abs(Position(m.Self!.Value).X - start.X) >= 20, "alice moving after input 2");
        Assert.Equal(start.Y, Position(match.Self!.Value).Y, 1);
        Assert.Equal(2, match.LastSentSequence);
    }

    [Fact]
    public async Task TheViewStartsFromAFullStateMergesDeltasAndDropsAPlayerThatLeaves()
    {
        var alice = await ConnectAsync(Node.BaseUri, "alice");
        var bob = await ConnectAsync(Node.BaseUri, "bob");
        var match = await alice.Client.FindMatchAsync();
        await bob.Client.JoinMatchAsync(match.MatchId);
        var bobsId = $"player:{bob.UserId}";
        await alice.WaitForViewAsync(match, m => m.Entities.ContainsKey(bobsId), "alice seeing bob");

        await bob.Client.LeaveMatchAsync(bob.Client.Matches.Single().MatchId);
        await alice.WaitForViewAsync(match, m => !m.Entities.ContainsKey(bobsId), "bob gone from alice's view");

        var states = alice.Events.Snapshot().Where(e => e.Delta is not null).Select(e => e.Delta!).ToList();
        Assert.True(states[0].Full);
        var removal = states.Last(d => d.Entities.ContainsKey(bobsId));
        Assert.False(removal.Full);
        Assert.Null(removal.Entities[bobsId]);
        Assert.True(removal.Entities.Count < match.Entities.Count, "a delta carries only what changed; the view keeps the rest");
        Assert.Contains($"player:{alice.UserId}", match.Entities.Keys);
        Assert.Contains(match.Entities.Keys, id => id.StartsWith("gem:", StringComparison.Ordinal));
        Assert.Empty(bob.Client.Matches);
    }

    [Fact]
    public async Task AfterALostConnectionTheClientTakesItsSeatBackAndStartsAgainFromAFullState()
    {
        var proxy = FaultProxy.Start(Node.BaseUri);
        _owned.Add(proxy);
        var alice = await ConnectAsync(proxy.BaseUri, "alice");
        var match = await alice.Client.FindMatchAsync();
        await alice.WaitForViewAsync(match, m => m.Tick > 0 && alice.Events.Snapshot().Count(e => e.Delta is not null) >= 3, "a few states");
        var tickBefore = match.Tick;
        Assert.Equal(1, await alice.Client.SendInputAsync(match.MatchId, new { dx = 0.0, dy = 0.0 }));

        proxy.Cut();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var events = await alice.Events.WaitUntilAsync(
            all => all.SkipWhile(e => e.Connection != ChatConnectionState.Reconnecting).Count(e => e.Delta is not null) >= 2, "states after the reconnect");

        var after = events.SkipWhile(e => e.Connection != ChatConnectionState.Reconnecting).Where(e => e.Delta is not null).ToList();
        Assert.True(after[0].Delta!.Full);
        Assert.True(after[^1].Delta!.Tick > tickBefore);
        Assert.Same(match, Assert.Single(alice.Client.Matches));
        Assert.Equal((alice.UserId, match.MatchId), (match.PlayerId, after[0].MatchId));
        Assert.Equal(2, await alice.Client.SendInputAsync(match.MatchId, new { dx = 1.0, dy = 0.0 })); // the numbering goes on
    }

    [Fact]
    public void DeltasThatOvertakeTheJoinWaitForItsFullStateAndANullRemovesAnEntity()
    {
        var match = new GameMatch("arena.m1");
        var early = Delta(11, full: false, ("gem:1", Json("""{"x":5,"y":5}""")), ("player:bob", null));

        Assert.False(match.Apply(early));
        var applied = match.Seat(new MatchJoin("arena.m1", GameKinds.Arena, "alice", 10, Delta(10, full: true, ("player:alice", Json("""{"x":1,"y":2}""")), ("player:bob", Json("""{"x":3,"y":4}""")))));
        Assert.True(match.Apply(Delta(12, full: false, ("gem:1", Json("""{"x":6,"y":5}""")))));

        Assert.Equal([10L, 11L], applied.Select(d => d.Tick));
        Assert.Equal(["gem:1", "player:alice"], match.Entities.Keys.Order());
        Assert.Equal(6, match.Entities["gem:1"].GetProperty("x").GetInt32());
        Assert.Equal(12, match.Tick);
        Assert.True(match.Apply(Delta(13, full: true, ("gem:2", Json("""{"x":0,"y":0}""")))));
        Assert.Equal(["gem:2"], match.Entities.Keys);
    }

    private static MatchDelta Delta(long tick, bool full, params (string Id, object? Value)[] entities) =>
        new(tick, full, entities.ToDictionary(e => e.Id, e => e.Value), 0);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static (double X, double Y) Position(JsonElement player) => (player.GetProperty("x").GetDouble(), player.GetProperty("y").GetDouble());

    private async Task<TestGameClient> ConnectAsync(Uri server, string user, ChatProtocol protocol = ChatProtocol.Json)
    {
        var client = await TestGameClient.ConnectAsync(server, user, protocol);
        _owned.Add(client);
        return client;
    }
}
