using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisPresenceTrackerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly UserPresence Alice = new("alice", "Alice");
    private static readonly UserPresence Bob = new("bob", "Bob");

    private readonly string _prefix = RedisServerFixture.NewPrefix("presence");
    private readonly List<ConnectionMultiplexer> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task JoinIsAnnouncedOncePerUserAcrossNodes()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectAsync("a1", Alice);
        await b.ConnectAsync("b1", Alice);
        await b.ConnectAsync("b2", Bob);

        Assert.True(await a.JoinRoomAsync("a1", "lobby"));
        Assert.False(await b.JoinRoomAsync("b1", "lobby"));
        Assert.False(await b.JoinRoomAsync("b1", "lobby"));
        Assert.True(await b.JoinRoomAsync("b2", "lobby"));
        Assert.Equal([Alice, Bob], await a.GetRoomMembersAsync("lobby"));
    }

    [Fact]
    public async Task LeaveIsAnnouncedOnlyWhenTheUsersLastConnectionLeaves()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectAsync("a1", Alice);
        await b.ConnectAsync("b1", Alice);
        await a.JoinRoomAsync("a1", "lobby");
        await b.JoinRoomAsync("b1", "lobby");

        Assert.False(await a.LeaveRoomAsync("a1", "lobby"));
        Assert.False(await a.LeaveRoomAsync("a1", "lobby"));
        Assert.Equal([Alice], await a.GetRoomMembersAsync("lobby"));
        Assert.True(await b.LeaveRoomAsync("b1", "lobby"));
        Assert.Empty(await a.GetRoomMembersAsync("lobby"));
        Assert.Equal(new PresenceCounts(1, 0), await a.GetCountsAsync());
    }

    [Fact]
    public async Task DisconnectReturnsTheRoomsTheUserLeftEntirely()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectAsync("a1", Alice);
        await b.ConnectAsync("b1", Alice);
        await a.JoinRoomAsync("a1", "one");
        await a.JoinRoomAsync("a1", "two");
        await b.JoinRoomAsync("b1", "two");

        Assert.Equal(["one"], await a.DisconnectAsync("a1"));
        Assert.Equal([Alice], await b.GetOnlineUsersAsync());
        Assert.Equal(["two"], await b.DisconnectAsync("b1"));
        Assert.Empty(await a.GetOnlineUsersAsync());
        Assert.Empty(await a.DisconnectAsync("a1"));
        Assert.Equal(new PresenceCounts(0, 0), await a.GetCountsAsync());
    }

    [Fact]
    public async Task OnlineUsersMembersAndCountsAreSharedWhileRoomMembershipChecksStayLocal()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectAsync("a1", Alice);
        await b.ConnectAsync("b1", Bob);
        await a.JoinRoomAsync("a1", "one");
        await b.JoinRoomAsync("b1", "one");
        await b.JoinRoomAsync("b1", "two");

        Assert.Equal([Alice, Bob], await a.GetOnlineUsersAsync());
        Assert.Equal([Alice, Bob], await b.GetRoomMembersAsync("one"));
        Assert.Equal(new PresenceCounts(2, 2), await a.GetCountsAsync());
        Assert.True(b.IsInRoom("b1", "two"));
        Assert.False(a.IsInRoom("b1", "two"));
        Assert.Equal(2, b.CountRooms("b1"));
        Assert.Equal(0, a.CountRooms("b1"));
    }

    [Fact]
    public async Task ConcurrentFirstJoinsOfOneUserOnTwoNodesAreAnnouncedExactlyOnce()
    {
        var (a, b) = (await NodeAsync("a"), await NodeAsync("b"));
        await a.ConnectAsync("a1", Alice);
        await b.ConnectAsync("b1", Alice);

        for (var round = 0; round < 25; round++)
        {
            var room = $"race{round}";
            var joins = await Task.WhenAll(a.JoinRoomAsync("a1", room), b.JoinRoomAsync("b1", room));
            Assert.Single(joins, first => first);

            var leaves = await Task.WhenAll(a.LeaveRoomAsync("a1", room), b.LeaveRoomAsync("b1", room));
            Assert.Single(leaves, last => last);
        }
    }

    [Fact]
    public async Task DeadNodeIsReapedOnceEvenWithTwoSurvivorsReaping()
    {
        var notifier = new RecordingPresenceNotifier();
        var (a, b, c) = (await NodeAsync("a", notifier), await NodeAsync("b", notifier), await NodeAsync("c", notifier));
        await a.ConnectAsync("a1", Alice);
        await a.JoinRoomAsync("a1", "one");
        await b.ConnectAsync("b1", Alice);
        await b.JoinRoomAsync("b1", "one");
        await b.ConnectAsync("b2", Bob);
        await b.JoinRoomAsync("b2", "one");
        await b.JoinRoomAsync("b2", "two");
        await Task.WhenAll(a.HeartbeatAsync(), b.HeartbeatAsync(), c.HeartbeatAsync());

        // Node b dies without a goodbye: its heartbeat key expires (deleted here instead of waiting for the TTL).
        await Redis().RunAsync("DEL", $"{{{_prefix}:presence}}:node:{b.NodeId}:alive");
        var reaped = await Task.WhenAll(a.ReapDeadNodesAsync(), c.ReapDeadNodesAsync());

        Assert.Equal([b.NodeId], reaped.SelectMany(nodes => nodes));
        Assert.Equal(["one/bob/Bob", "two/bob/Bob"], notifier.Left.Snapshot().Order());
        Assert.Equal([Alice], await a.GetOnlineUsersAsync());
        Assert.Equal([Alice], await c.GetRoomMembersAsync("one"));
        Assert.Equal(new PresenceCounts(1, 1), await a.GetCountsAsync());
    }

    [Fact]
    public async Task DeadNodesUsersAreGoneWithinTheNodeTimeoutWithBackgroundHeartbeats()
    {
        var notifier = new RecordingPresenceNotifier();
        var fast = new RedisPresenceOptions
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            NodeTimeout = TimeSpan.FromSeconds(1),
            ReapInterval = TimeSpan.FromMilliseconds(200),
        };
        var (survivor, doomed) = (await NodeAsync("survivor", notifier, fast), await NodeAsync("doomed", notifier, fast));
        var doomedConnection = _connections[^1];
        using var survivorService = new RedisPresenceHeartbeatService(survivor, Options.Create(fast));
        using var doomedService = new RedisPresenceHeartbeatService(doomed, Options.Create(fast));
        await survivorService.StartAsync(CancellationToken.None);
        await doomedService.StartAsync(CancellationToken.None);
        await doomed.ConnectAsync("d1", Bob);
        await doomed.JoinRoomAsync("d1", "lobby");
        Assert.Equal([Bob], await survivor.GetOnlineUsersAsync());

        // The node loses Redis for good (as if killed): its heartbeats stop, nobody says goodbye.
        await doomedConnection.DisposeAsync();

        await notifier.Left.WaitUntilAsync(left => left.Contains("lobby/bob/Bob"), "the dead node's user to be announced as left", TimeSpan.FromSeconds(10));
        Assert.Empty(await survivor.GetOnlineUsersAsync());
        Assert.Equal(new PresenceCounts(0, 0), await survivor.GetCountsAsync());
        await survivorService.StopAsync(CancellationToken.None);
        await doomedService.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StalledNodeThatWasReapedRegistersAgainOnItsNextHeartbeat()
    {
        var notifier = new RecordingPresenceNotifier();
        var (a, b) = (await NodeAsync("a", notifier), await NodeAsync("b", notifier));
        await b.ConnectAsync("b1", Bob);
        await b.JoinRoomAsync("b1", "lobby");
        await b.HeartbeatAsync();
        await Redis().RunAsync("DEL", $"{{{_prefix}:presence}}:node:{b.NodeId}:alive");
        await a.ReapDeadNodesAsync();
        Assert.Empty(await a.GetOnlineUsersAsync());

        await b.HeartbeatAsync();

        Assert.Equal([Bob], await a.GetOnlineUsersAsync());
        Assert.Equal([Bob], await a.GetRoomMembersAsync("lobby"));
        Assert.Empty(await a.ReapDeadNodesAsync());
        Assert.True(await b.LeaveRoomAsync("b1", "lobby"));
    }

    [Fact]
    public async Task RestartedNodeWithTheSameIdRemovesWhatItsPredecessorLeftBehind()
    {
        var notifier = new RecordingPresenceNotifier();
        var crashed = await NodeAsync("n1", notifier);
        await crashed.ConnectAsync("old", Bob);
        await crashed.JoinRoomAsync("old", "lobby");
        await crashed.HeartbeatAsync();

        var restarted = await NodeAsync("n1", notifier);
        await restarted.HeartbeatAsync();

        Assert.Equal(["lobby/bob/Bob"], notifier.Left.Snapshot());
        Assert.Empty(await restarted.GetOnlineUsersAsync());
    }

    [Fact]
    public async Task GracefulShutdownRemovesTheNodesConnectionsAndAnnouncesThem()
    {
        var notifier = new RecordingPresenceNotifier();
        var (a, b) = (await NodeAsync("a", notifier), await NodeAsync("b", notifier));
        await a.ConnectAsync("a1", Alice);
        await a.JoinRoomAsync("a1", "lobby");
        await b.ConnectAsync("b1", Bob);
        await b.JoinRoomAsync("b1", "lobby");

        await a.RemoveNodeAsync();

        Assert.Equal(["lobby/alice/Alice"], notifier.Left.Snapshot());
        Assert.Equal([Bob], await b.GetOnlineUsersAsync());
        Assert.False(a.IsInRoom("a1", "lobby"));
    }

    [Fact]
    public async Task TwoPrefixesOnOneRedisKeepSeparatePresence()
    {
        var notifier = new RecordingPresenceNotifier();
        var mine = await NodeAsync("a", notifier);
        var theirs = await NodeAsync("a", notifier, prefix: RedisServerFixture.NewPrefix("other-app"));
        await mine.ConnectAsync("c1", Alice);
        await theirs.ConnectAsync("c1", Bob);
        await mine.HeartbeatAsync();

        Assert.True(await mine.JoinRoomAsync("c1", "lobby"));
        Assert.True(await theirs.JoinRoomAsync("c1", "lobby"));
        Assert.Equal([Alice], await mine.GetOnlineUsersAsync());
        Assert.Equal([Bob], await theirs.GetRoomMembersAsync("lobby"));
        Assert.Empty(await mine.ReapDeadNodesAsync());
        Assert.Empty(notifier.Left.Snapshot());
    }

    [Fact]
    public async Task RoomNamesWithAColonAndUnknownConnectionsAreRejected()
    {
        var a = await NodeAsync("a");
        await a.ConnectAsync("a1", Alice);

        await Assert.ThrowsAsync<ArgumentException>(() => a.JoinRoomAsync("a1", "bad:room"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => a.JoinRoomAsync("nobody", "lobby"));
        Assert.False(await a.LeaveRoomAsync("nobody", "lobby"));
    }

    private ConnectionMultiplexer Redis() => _connections[0];

    [Fact]
    public async Task ADepartureRedisCouldNotPlaceAfterLosingItsDataIsAnnouncedOnceEveryNodeReRegistered()
    {
        var carol = new UserPresence("carol", "Carol");
        var notifier = new RecordingPresenceNotifier();
        var notifierB = new RecordingPresenceNotifier();
        var a = await NodeAsync("a", notifier, new RedisPresenceOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var b = await NodeAsync("b", notifierB, new RedisPresenceOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var rechecked = new EventLog<int>();
        a.DeparturesRechecked += rechecked.Add;
        await a.HeartbeatAsync();
        await b.HeartbeatAsync();
        await a.ConnectAsync("a-alice", Alice); // alice also has a connection on b: she stays
        await b.ConnectAsync("b-alice", Alice);
        await a.ConnectAsync("a-carol", carol); // carol has only this one: she goes
        foreach (var (node, connection) in new[] { (a, "a-alice"), (b, "b-alice"), (a, "a-carol") })
        {
            await node.JoinRoomAsync(connection, "lobby");
        }

        await DeleteThisTestsKeysAsync(); // Redis lost everything

        Assert.False(await a.LeaveRoomAsync("a-alice", "lobby")); // Redis cannot tell whether these were the last ones
        Assert.False(await a.LeaveRoomAsync("a-carol", "lobby"));
        await b.HeartbeatAsync(); // the nodes re-register what they hold
        await a.HeartbeatAsync();

        await rechecked.WaitForCountAsync(2, "both departures to be checked again");
        Assert.Equal(["lobby/carol/Carol"], notifier.Left.Snapshot()); // alice's connection on b kept her in the room
        Assert.Equal(["lobby/alice/Alice"], notifierB.Joined.Snapshot()); // b found her gone from Redis and put her back
        Assert.Equal([Alice], await a.GetRoomMembersAsync("lobby"));
    }

    /// <summary>Deletes every key under this test's prefix, as a Redis restarted empty would have none (other tests' keys stay).</summary>
    private async Task DeleteThisTestsKeysAsync()
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        await connection.RunAsync("EVAL", "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", 0, $"*{_prefix}*");
    }

    private async Task<RedisPresenceTracker> NodeAsync(string nodeId, IPresenceNotifier? notifier = null, RedisPresenceOptions? options = null, string? prefix = null)
    {
        var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        _connections.Add(connection);
        options ??= new RedisPresenceOptions();
        options.NodeId = nodeId;
        return RedisPresenceTrackerFactory.Create(connection, prefix ?? _prefix, options, notifier ?? new RecordingPresenceNotifier());
    }
}
