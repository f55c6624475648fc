using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Games;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Games;

/// <summary>
/// A match surviving what can happen under it on Redis: the node running it crashes (another node resumes it from its
/// last save, with the contract's default save interval and lease), Redis restarts empty (the node running it writes
/// it back), or a player stays away past its reconnect grace. Each test has its own nodes and prefix; the class has a
/// Redis of its own, which one test restarts. The match always runs on node 1 (its creator's) and the watched players
/// sit on node 2.
/// </summary>
public sealed class MatchFailoverTests(PrivateRedisFixture redisFixture, ITestOutputHelper output) : IClassFixture<PrivateRedisFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _prefix = RedisServerFixture.NewPrefix("game");
    private readonly RedisServerFixture _redis = redisFixture.Server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task AMatchWhoseNodeCrashesResumesOnAnotherNodeWithinFiveSecondsAndItsPlayersKeepTheirSeats()
    {
        var defaults = new MatchHostingOptions();
        var (node1, node2) = (await StartNodeAsync(), await StartNodeAsync());
        var (carol, alice, bob) = (await ProbeAsync(node1, "carol"), await ProbeAsync(node2, "alice"), await ProbeAsync(node2, "bob"));
        var match = (await carol.FindMatchAsync()).MatchId;
        await alice.JoinMatchAsync(match);
        await bob.JoinMatchAsync(match);
        Assert.True(Host(node1).TryGet(match, out _));
        var before = await alice.WaitForStateAsync(match, s => s.Delta.Tick >= 2 * GameSettings.TickRate, "two seconds of play (two saves) on node 1");
        var statesBefore = alice.States.Snapshot().Count;

        var crashed = Stopwatch.StartNew();
        await node1.CrashAsync();
        var resumed = await alice.WaitForStateAsync(match, s => s.Delta.Full, "the first state after the resume", after: statesBefore);
        var waited = crashed.Elapsed;

        output.WriteLine($"resumed {waited.TotalSeconds:F2} s after the crash, at tick {resumed.Delta.Tick} (last seen before: {before.Delta.Tick})");
        Assert.InRange(waited, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.True(Host(node2).TryGet(match, out _));
        var lastBefore = alice.States.Snapshot().Take(statesBefore).Last(s => s.MatchId == match).Delta.Tick;
        var mostLost = (long)(defaults.SaveInterval.TotalSeconds * GameSettings.TickRate) + 1;
        // At most a save interval of play lost; and nothing invented: the last save may be a few ticks newer than the last
        // state Alice received (the states of those ticks died with the node), never more than half a second.
        Assert.InRange(resumed.Delta.Tick, lastBefore - mostLost, lastBefore + GameSettings.TickRate / 2);
        await alice.WaitForStateAsync(match, s => s.Delta.Tick > resumed.Delta.Tick, "ticks going on", after: alice.States.Snapshot().Count);

        await alice.SendInputAsync(match, 3, new Dictionary<string, object> { ["dx"] = 1.0, ["dy"] = 0.0 });
        await alice.WaitForStateAsync(match, s => s.Delta.LastInputSequence == 3, "an input applied by node 2");
        var carolAgain = await ProbeAsync(node2, carol.UserId, exactId: true);
        var back = await carolAgain.FindMatchAsync();
        Assert.Equal((match, carol.UserId, true), (back.MatchId, back.PlayerId, back.State.Full));
        var scores = await bob.Scoreboards.WaitUntilAsync(all => all.Count > 0 && all[^1].MatchId == match, "a scoreboard from node 2");
        Assert.Equal([alice.UserId, bob.UserId, carol.UserId], scores[^1].Scores.Select(s => s.PlayerId).Order());
    }

    /// <summary>
    /// Redis restarted without persistence forgets the directory, the saves and the leases. The node running the match
    /// keeps it in memory and ticking; players elsewhere miss the states sent while Redis was away, then get a full
    /// state; the node's next save finds its lease gone, takes it again and writes the match and its seats back.
    /// </summary>
    [Fact]
    public async Task ARedisRestartLosesNothingOfARunningMatchAndItsNodeWritesItBackIntoTheDirectory()
    {
        var (node1, node2) = (await StartNodeAsync(GameSettings.Behaviour), await StartNodeAsync(GameSettings.Behaviour));
        var (carol, alice) = (await ProbeAsync(node1, "carol"), await ProbeAsync(node2, "alice"));
        var match = (await carol.FindMatchAsync()).MatchId;
        await alice.JoinMatchAsync(match);
        await alice.WaitForStateAsync(match, s => !s.Delta.Full, "a state through Redis");
        var statesBefore = alice.States.Snapshot().Count;
        var lastBefore = alice.States.Snapshot()[^1].Delta.Tick;

        await _redis.RestartAsync();

        var full = await alice.WaitForStateAsync(match, s => s.Delta.Full, "a full state once Redis is back", after: statesBefore, timeout: TestTimeouts.Reconnect);
        Assert.True(full.Delta.Tick > lastBefore);
        await using var redis = await RedisTestConnections.ConnectAsync(_redis.Configuration);
        await Poll.UntilAsync(
            async () => await redis.GetDatabase().SortedSetScoreAsync($"{{{_prefix}:games:arena}}:matches", match) == 2,
            "the match and its two seats written back");
        var dave = await ProbeAsync(node2, "dave");
        Assert.Equal(match, (await dave.FindMatchAsync()).MatchId);
        await alice.SendInputAsync(match, 5, new Dictionary<string, object> { ["dx"] = 0.0, ["dy"] = 1.0 });
        await alice.WaitForStateAsync(match, s => s.Delta.LastInputSequence == 5, "an input through Redis again");
    }

    [Fact]
    public async Task ASeatIsKeptForTheReconnectGraceAndFreedWhenItRunsOut()
    {
        var grace = TimeSpan.FromSeconds(1);
        var settings = new Dictionary<string, string?>(GameSettings.Behaviour) { ["Games:ReconnectGrace"] = "00:00:01" };
        var (node1, node2) = (await StartNodeAsync(settings), await StartNodeAsync(settings));
        var (alice, bob) = (await ProbeAsync(node1, "alice"), await ProbeAsync(node2, "bob"));
        var match = (await alice.FindMatchAsync()).MatchId;
        await bob.JoinMatchAsync(match);
        await bob.Scoreboards.WaitUntilAsync(all => all.Any(s => s.MatchId == match && s.Scores.Length == 2), "both on the scoreboard");

        await alice.Connection.StopAsync();
        var lost = Stopwatch.StartNew();
        await bob.Scoreboards.WaitUntilAsync(all => all.Count > 0 && all[^1].Scores.All(s => s.PlayerId != alice.UserId), "alice's seat freed");

        Assert.InRange(lost.Elapsed, grace - TimeSpan.FromMilliseconds(100), TestTimeouts.Event); // kept for the grace, then freed
        Assert.Equal([bob.UserId], (await bob.Scoreboards.WaitUntilAsync(all => all.Count > 0, "a scoreboard"))[^1].Scores.Select(s => s.PlayerId));
    }

    /// <summary>
    /// The node that made a match could not listen for it (Redis failed that one call): it must not keep the match, or
    /// it would renew the lease of a match that never ticks. The lease runs out and a node resumes it from its save.
    /// </summary>
    [Fact]
    public async Task AMatchWhoseNodeCouldNotListenForItIsNotKeptUnrunAndResumesOnceItsLeaseRunsOut()
    {
        var node1 = await StartNodeAsync(configure: services =>
        {
            services.AddSingleton<RedisMatchBus>();
            services.AddSingleton<IMatchBus>(provider => new FirstHostListenFails(provider.GetRequiredService<RedisMatchBus>()));
        });
        var node2 = await StartNodeAsync();
        var (carol, alice) = (await ProbeAsync(node1, "carol"), await ProbeAsync(node2, "alice"));

        await Assert.ThrowsAnyAsync<Exception>(() => carol.FindMatchAsync());
        var join = await alice.FindMatchAsync(); // the only match with a free seat: the one carol's call made

        var state = await alice.WaitForStateAsync(join.MatchId, s => s.Delta.Tick > join.Tick, "the match ticking on some node", timeout: TestTimeouts.Reconnect);
        Assert.True(Host(node1).TryGet(join.MatchId, out _) || Host(node2).TryGet(join.MatchId, out _));
        Assert.True(state.Delta.Tick > join.Tick);
    }

    private static MatchHost Host(HubNode node) => node.Services.GetRequiredService<MatchHost>();

    private sealed class FirstHostListenFails(IMatchBus inner) : IMatchBus
    {
        private int _calls;

        public string NodeId => inner.NodeId;

        public event Action? Reconnected
        {
            add => inner.Reconnected += value;
            remove => inner.Reconnected -= value;
        }

        public Task<bool> SendToHostAsync(string matchId, Server.Games.Internal.MatchBusMessage message) => inner.SendToHostAsync(matchId, message);

        public void SendToPlayers(string matchId, Server.Games.Internal.MatchBusMessage message) => inner.SendToPlayers(matchId, message);

        public Task ListenAsHostAsync(string matchId, Func<Server.Games.Internal.MatchBusMessage, Task> handler, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "cut for the test")
                : inner.ListenAsHostAsync(matchId, handler, cancellationToken);

        public Task StopListeningAsHostAsync(string matchId) => inner.StopListeningAsHostAsync(matchId);

        public Task ListenAsPlayersAsync(string matchId, Func<Server.Games.Internal.MatchBusMessage, Task> handler, CancellationToken cancellationToken) =>
            inner.ListenAsPlayersAsync(matchId, handler, cancellationToken);

        public Task StopListeningAsPlayersAsync(string matchId, Func<bool> stillNeeded) => inner.StopListeningAsPlayersAsync(matchId, stillNeeded);
    }

    private async Task<HubNode> StartNodeAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var node = await HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = _redis.Configuration,
            ChannelPrefix = _prefix,
            ConfigureServices = configure,
            Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?> { ["Games:ViewRadius"] = "1500" }),
        });
        _owned.Add(node);
        return node;
    }

    private async Task<GameProbe> ProbeAsync(HubNode node, string user, bool exactId = false)
    {
        var probe = await GameProbe.ConnectAsync(node, exactId ? user : Unique.Name(user));
        _owned.Add(probe);
        return probe;
    }
}
