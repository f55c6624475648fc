using RealtimeHub.Contracts;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

/// <summary>Each test owns its redis-server, because each one restarts or reconfigures it.</summary>
public sealed class RedisPresenceFaultTests
{
    private static readonly UserPresence Alice = new("alice", "Alice");
    private static readonly UserPresence Bob = new("bob", "Bob");

    [Fact]
    public async Task PresenceLostInARedisRestartIsRestoredAsSoonAsRedisIsBack()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var prefix = RedisServerFixture.NewPrefix("restart");
        var tracker = RedisPresenceTrackerFactory.Create(connection, prefix, new RedisPresenceOptions { NodeId = "a" }, new RecordingPresenceNotifier());
        await tracker.ConnectAsync("a1", Alice);
        await tracker.JoinRoomAsync("a1", "lobby");
        await tracker.HeartbeatAsync();
        var resynchronized = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tracker.Resynchronized += () => resynchronized.TrySetResult();

        // No heartbeat is run by hand: reconnecting re-registers the node by itself.
        await redis.RestartAsync();
        await resynchronized.Task.WaitAsync(TestTimeouts.Reconnect);

        Assert.Equal([Alice], await tracker.GetOnlineUsersAsync());
        Assert.Equal([Alice], await tracker.GetRoomMembersAsync("lobby"));
        Assert.True(await tracker.LeaveRoomAsync("a1", "lobby"));
    }

    [Fact]
    public async Task UpdatesFailWithClearErrorsWhileRedisIsDownAndLocalStateStaysConsistent()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var tracker = RedisPresenceTrackerFactory.Create(connection, RedisServerFixture.NewPrefix("down"), new RedisPresenceOptions { NodeId = "a" }, new RecordingPresenceNotifier());
        await tracker.ConnectAsync("a1", Alice);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionFailed += (_, _) => disconnected.TrySetResult();

        await redis.StopAsync();
        await disconnected.Task.WaitAsync(TestTimeouts.Reconnect);

        await Assert.ThrowsAsync<RedisConnectionException>(() => tracker.JoinRoomAsync("a1", "lobby"));
        Assert.False(tracker.IsInRoom("a1", "lobby"));
        await Assert.ThrowsAsync<RedisConnectionException>(() => tracker.GetOnlineUsersAsync());
    }

    [Fact]
    public async Task DepartureWhoseUpdateFailedIsAnnouncedByTheNextResync()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var admin = await RedisTestConnections.ConnectAsync(redis.Configuration);
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var notifier = new RecordingPresenceNotifier();
        var prefix = RedisServerFixture.NewPrefix("resync");
        var a = RedisPresenceTrackerFactory.Create(connection, prefix, new RedisPresenceOptions { NodeId = "a" }, notifier);
        var b = RedisPresenceTrackerFactory.Create(admin, prefix, new RedisPresenceOptions { NodeId = "b" }, new RecordingPresenceNotifier());
        await a.ConnectAsync("a1", Bob);
        await a.JoinRoomAsync("a1", "lobby");
        await a.HeartbeatAsync();

        // Scripts are refused for a moment (Redis keeps its data): the disconnect cannot reach Redis.
        await admin.RunAsync("ACL", "SETUSER", "default", "-evalsha", "-eval");
        await Assert.ThrowsAsync<RedisServerException>(() => a.DisconnectAsync("a1"));
        await Assert.ThrowsAsync<RedisServerException>(() => a.ConnectAsync("a2", Alice));
        await admin.RunAsync("ACL", "SETUSER", "default", "+evalsha", "+eval");
        Assert.Equal([Bob], await b.GetOnlineUsersAsync());

        await a.HeartbeatAsync();

        Assert.Equal(["lobby/bob/Bob"], notifier.Left.Snapshot());
        Assert.Empty(await b.GetOnlineUsersAsync());
        Assert.Equal(0, a.CountRooms("a1"));
    }
}
