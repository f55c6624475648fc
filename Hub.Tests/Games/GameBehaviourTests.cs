using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>
/// Every rule of section 11 that a client can see, written once and run against each cluster shape (one embedded
/// node; two nodes on Redis; two nodes on a Redis Cluster; MessagePack). Consecutive clients land on consecutive nodes,
/// so in a cluster the players of a test sit on different nodes, and the match runs on the first one's.
/// </summary>
public abstract class GameBehaviourTests<TCluster>(TCluster cluster) : BehaviourSuite<TCluster>(cluster)
    where TCluster : IHubCluster
{

    [Fact]
    public async Task FindMatchFillsAnExistingMatchWithAFreeSeatBeforeMakingANewOne()
    {
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");

        var first = await alice.FindMatchAsync();
        var second = await bob.FindMatchAsync();

        Assert.Equal(first.MatchId, second.MatchId);
        Assert.Equal((GameKinds.Arena, alice.UserId, bob.UserId), (first.Kind, first.PlayerId, second.PlayerId));
        Assert.True(first.State.Full && second.State.Full);
        Assert.Contains($"player:{alice.UserId}", first.State.Entities.Keys);
    }

    [Fact]
    public async Task TwoPlayersOnDifferentNodesGetTheSameMatchAndSeeEachOther()
    {
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        var match = (await alice.FindMatchAsync()).MatchId;
        Assert.Equal(match, (await bob.FindMatchAsync()).MatchId);

        await alice.States.WaitUntilAsync(_ => alice.Entity(match, $"player:{bob.UserId}") is not null, "alice seeing bob");
        await bob.States.WaitUntilAsync(_ => bob.Entity(match, $"player:{alice.UserId}") is not null, "bob seeing alice");
        Assert.Equal(bob.UserId, alice.Entity(match, $"player:{bob.UserId}")!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task SendInputMovesThePlayerAndItsSequenceComesBackAsLastInputSequence()
    {
        var (alice, match) = await PlayerOnAnotherNodeAsync("alice");
        var start = alice.Position(match, alice.UserId)!.Value;

        await alice.SendInputAsync(match, 7, Move(start.X < 500 ? 1 : -1, 0));

        var applied = await alice.WaitForStateAsync(match, s => s.Delta.LastInputSequence == 7, "input 7 applied");
        await alice.States.WaitUntilAsync(_ => Math.Abs(alice.Position(match, alice.UserId)!.Value.X - start.X) >= 20, "alice moving");
        Assert.Equal(start.Y, alice.Position(match, alice.UserId)!.Value.Y, 1);
        Assert.False(applied.Delta.Full);
    }

    [Fact]
    public async Task AnArenaPlayerMovesAtMostArenaSpeedWhateverItsInputRateAndOutOfRangeInputsAreClamped()
    {
        var (alice, match) = await PlayerOnAnotherNodeAsync("alice");
        var start = alice.Position(match, alice.UserId)!.Value;
        var (dx, dy) = (start.X < 500 ? 100 : -100, start.Y < 500 ? 100 : -100); // far out of range: clamped to ±1, then to length 1

        // All at once (SignalR still runs one connection's calls in order): a burst well above one per tick, over before
        // the player could reach a wall however slow the machine is.
        await Task.WhenAll(Enumerable.Range(1, 40).Select(sequence => alice.SendInputAsync(match, sequence, Move(dx, dy))));

        var from = await alice.WaitForStateAsync(match, s => s.Delta.LastInputSequence == 40 && GameProbe.PositionIn(s, alice.UserId) is not null, "the last input applied");
        var to = await alice.WaitForStateAsync(match, s => s.Delta.Tick >= from.Delta.Tick + 10 && GameProbe.PositionIn(s, alice.UserId) is not null, "ten more ticks");
        var (p0, p1) = (GameProbe.PositionIn(from, alice.UserId)!.Value, GameProbe.PositionIn(to, alice.UserId)!.Value);

        var cap = GameSettings.ArenaSpeed * (to.Delta.Tick - from.Delta.Tick) / GameSettings.TickRate;
        var moved = Math.Sqrt(Math.Pow(p1.X - p0.X, 2) + Math.Pow(p1.Y - p0.Y, 2));
        Assert.InRange(moved, cap - 0.3, cap + 0.3); // positions are sent to a tenth of a unit
    }

    [Fact]
    public async Task AnInputsOtherFieldsSuchAsAPositionOrAScoreAreIgnored()
    {
        var (alice, match) = await PlayerOnAnotherNodeAsync("alice");
        var start = alice.Position(match, alice.UserId)!.Value;

        var cheat = new Dictionary<string, object> { ["dx"] = 0.0, ["dy"] = 0.0, ["x"] = 1.0, ["y"] = 1.0, ["score"] = 999, ["name"] = "hacker" };
        await alice.SendInputAsync(match, 1, cheat);
        var applied = await alice.WaitForStateAsync(match, s => s.Delta.LastInputSequence == 1, "the input applied");
        await alice.WaitForStateAsync(match, s => s.Delta.Tick >= applied.Delta.Tick + 4, "four more ticks");

        var player = alice.Entity(match, $"player:{alice.UserId}")!.Value;
        Assert.Equal(start, alice.Position(match, alice.UserId)!.Value);
        Assert.Equal(0, player.GetProperty("score").GetInt32());
        Assert.Equal(alice.UserId, player.GetProperty("name").GetString());
    }

    [Fact]
    public async Task LeaveMatchFreesTheSeatAndTheLeaverGetsNoMoreStates()
    {
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        var match = (await alice.FindMatchAsync()).MatchId;
        Assert.Equal(match, (await bob.FindMatchAsync()).MatchId);
        await alice.WaitForStateAsync(match, s => !s.Delta.Full, "a state after the join");

        await alice.LeaveMatchAsync(match);
        var statesAtLeave = alice.States.Snapshot().Count;
        var bobsAtLeave = bob.States.Snapshot().Count;

        await bob.States.WaitUntilAsync(_ => bob.Entity(match, $"player:{alice.UserId}") is null, "alice gone from bob's view");
        await bob.WaitForStateAsync(match, _ => true, "another state", after: bob.States.Snapshot().Count);
        await bob.WaitForStateAsync(match, _ => true, "and another", after: bob.States.Snapshot().Count);
        Assert.True(bob.States.Snapshot().Count > bobsAtLeave);
        Assert.Equal(statesAtLeave, alice.States.Snapshot().Count);
        await bob.Scoreboards.WaitUntilAsync(all => all.Count > 0 && !Players(all[^1]).Contains(alice.UserId), "a scoreboard without alice");
        await AssertRefusedAsync(GameErrors.NotInMatch, () => alice.LeaveMatchAsync(match));
        await AssertRefusedAsync(GameErrors.NotInMatch, () => alice.SendInputAsync(match, 1, Move(1, 0)));
    }

    [Fact]
    public async Task JoinMatchAnswersMatchFullWhenEverySeatIsTaken()
    {
        var players = new List<GameProbe>();
        for (var i = 0; i < GameSettings.Seats + 1; i++)
        {
            players.Add(await ConnectAsync("player"));
        }

        var match = (await players[0].FindMatchAsync()).MatchId;
        var joined = 1;
        while (await Outcome(players[joined].JoinMatchAsync(match)) is null)
        {
            joined++; // the match may already hold seats of players within their grace: fill what is free
            Assert.InRange(joined, 1, GameSettings.Seats);
        }

        await AssertRefusedAsync(GameErrors.MatchFull, () => players[joined].JoinMatchAsync(match));
        var scoreboards = await players[0].Scoreboards.WaitUntilAsync(all => all.Any(s => s.MatchId == match && s.Scores.Length == GameSettings.Seats), "every seat on the scoreboard");
        Assert.Superset(players.Take(joined).Select(p => p.UserId).ToHashSet(), Players(scoreboards.Last(s => s.MatchId == match)));
        Assert.NotEqual(match, (await players[joined].FindMatchAsync()).MatchId);
    }

    [Fact]
    public async Task JoinMatchAnswersNoSuchMatchForAnIdNoMatchHasOrAMalformedOne()
    {
        var alice = await ConnectAsync("alice");

        foreach (var id in new[] { "arena.nosuchmatchhere00", "chess.abc", "not a match id!", string.Empty, new string('a', 65) })
        {
            await AssertRefusedAsync(GameErrors.NoSuchMatch, () => alice.JoinMatchAsync(id));
        }

        await AssertRefusedAsync(GameErrors.NotInMatch, () => alice.SendInputAsync("arena.nosuchmatchhere00", 1, Move(1, 0)));
        await AssertRefusedAsync(GameErrors.NotInMatch, () => alice.LeaveMatchAsync("arena.nosuchmatchhere00"));
    }

    [Fact]
    public async Task FindMatchAnswersInvalidKindForAKindThatDoesNotRun()
    {
        var alice = await ConnectAsync("alice");

        foreach (var kind in new[] { "chess", "Arena", string.Empty })
        {
            await AssertRefusedAsync(GameErrors.InvalidKind, () => alice.FindMatchAsync(kind));
        }
    }

    [Fact]
    public async Task InputsPastMaxInputsPerSecondAreRefusedAsRateLimitedAndTheConnectionStays()
    {
        var (alice, match) = await PlayerOnAnotherNodeAsync("alice");

        var started = DateTime.UtcNow;
        var sends = Enumerable.Range(1, 3 * GameSettings.MaxInputsPerSecond).Select(i => Outcome(alice.SendInputAsync(match, i, Move(1, 0)))).ToArray();
        var outcomes = await Task.WhenAll(sends);
        var allowed = GameSettings.MaxInputsPerSecond * (1 + (DateTime.UtcNow - started).TotalSeconds) + 1;

        Assert.InRange(outcomes.Count(o => o is null), 1, allowed);
        Assert.All(outcomes.OfType<string>(), error => Assert.StartsWith(GameErrors.RateLimited, error));
        Assert.Equal(HubConnectionState.Connected, alice.Connection.State);
        await Task.Delay(TimeSpan.FromSeconds(3.0 / GameSettings.MaxInputsPerSecond)); // the rule under test: the budget refills over time
        await alice.SendInputAsync(match, 10_000, Move(-1, 0));
    }

    [Fact]
    public async Task ScoreboardListsEverySeatedPlayerIncludingOneWithinItsReconnectGrace()
    {
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        var match = (await alice.FindMatchAsync()).MatchId;
        await bob.FindMatchAsync();
        await alice.Scoreboards.WaitUntilAsync(all => all.Any(s => s.MatchId == match && Players(s).SetEquals([alice.UserId, bob.UserId])), "both on the scoreboard");

        await bob.Connection.StopAsync();
        var after = alice.Scoreboards.Snapshot().Count;
        var later = await alice.Scoreboards.WaitUntilAsync(all => all.Skip(after).Count(s => s.MatchId == match) >= 3, "three more scoreboards");

        Assert.All(later.Skip(after), s => Assert.Contains(bob.UserId, Players(s)));
        Assert.Equal(bob.UserId, later[^1].Scores.Single(s => s.PlayerId == bob.UserId).Name);
    }

    [Fact]
    public async Task MatchEndedBringsTheRoundsScoresAtTheEndOfEachRound()
    {
        var alice = await ConnectAsync("alice");
        var match = (await alice.FindMatchAsync()).MatchId;

        var ended = await alice.RoundEnds.WaitUntilAsync(all => all.Any(e => e.MatchId == match), "a round's end");

        Assert.Contains(alice.UserId, Players(ended.First(e => e.MatchId == match)));
        await alice.WaitForStateAsync(match, _ => true, "states going on after it", after: alice.States.Snapshot().Count);
    }

    [Fact]
    public async Task ReconnectingWithinTheGraceGetsTheSeatBackWithAFullState()
    {
        var userId = Unique.Name("alice");
        var alice = await ConnectAsync(userId, exactId: true);
        var bob = await ConnectAsync("bob");
        var match = (await alice.FindMatchAsync()).MatchId;
        await bob.FindMatchAsync();
        await alice.Connection.StopAsync();

        var again = await ConnectAsync(userId, exactId: true);
        var back = await again.FindMatchAsync();
        var tab = await ConnectAsync(userId, exactId: true);
        var joined = await tab.JoinMatchAsync(match);

        Assert.Equal((match, userId), (back.MatchId, back.PlayerId));
        Assert.True(back.State.Full && joined.State.Full);
        Assert.Contains($"player:{userId}", back.State.Entities.Keys);
        await again.WaitForStateAsync(match, s => s.Delta.Tick > back.Tick, "states after the reconnect");
        var scoreboards = await bob.Scoreboards.WaitUntilAsync(all => all.Count > 0 && all[^1].MatchId == match, "a scoreboard");
        Assert.Single(scoreboards[^1].Scores, s => s.PlayerId == userId);
    }

    [Fact]
    public async Task ConcurrentFindMatchFromManyClientsNeverOversellsASeat()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ConnectAsync("crowd")));

        var joins = await Task.WhenAll(clients.Select(c => c.FindMatchAsync()));

        var matches = joins.GroupBy(j => j.MatchId).ToList();
        Assert.All(matches, m => Assert.InRange(m.Count(), 1, GameSettings.Seats));
        Assert.InRange(matches.Count, (int)Math.Ceiling(10.0 / GameSettings.Seats), 10);
        foreach (var seated in matches)
        {
            var probe = clients.Single(c => c.UserId == seated.First().PlayerId);
            await probe.Scoreboards.WaitUntilAsync(
                all => all.Any(s => s.MatchId == seated.Key && Players(s).IsSupersetOf(seated.Select(j => j.PlayerId)) && s.Scores.Length <= GameSettings.Seats),
                "the match's scoreboard listing its players");
        }
    }

    [Fact]
    public async Task TheGameHubRefusesAConnectionWithoutAValidToken()
    {
        using var http = Cluster.Nodes[0].CreateHttpClient();

        using var anonymous = await http.PostAsync($"{HubRoutes.Game}/negotiate?negotiateVersion=1", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{HubRoutes.Game}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", TestAuth.CreateToken("mallory", signingKey: "a-different-signing-key-that-is-long-enough-0123"));
        using var forged = await http.SendAsync(request);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, forged.StatusCode));
    }

    protected async Task<GameProbe> ConnectAsync(string user, bool exactId = false) =>
        Own(await GameProbe.ConnectAsync(NextNode(), UserId(user, exactId), Protocol));

    /// <summary>
    /// A player in a match that runs on another node (in a cluster): the match's creator connects first, so the
    /// player's joins, inputs and states all cross nodes.
    /// </summary>
    private async Task<(GameProbe Player, string MatchId)> PlayerOnAnotherNodeAsync(string user)
    {
        var creator = await ConnectAsync("creator");
        var match = (await creator.FindMatchAsync()).MatchId;
        var player = await ConnectAsync(user);
        Assert.Equal(match, (await player.JoinMatchAsync(match)).MatchId);
        return (player, match);
    }

    private static Dictionary<string, object> Move(double dx, double dy) => new() { ["dx"] = dx, ["dy"] = dy };

    private static HashSet<string> Players(ScoresEvent scores) => [.. scores.Scores.Select(s => s.PlayerId)];

    private static async Task<string?> Outcome(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (HubException exception)
        {
            return exception.Message;
        }
    }

    private static async Task AssertRefusedAsync(string prefix, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(prefix, error.Message);
    }
}
