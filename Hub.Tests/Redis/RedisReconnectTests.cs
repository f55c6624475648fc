using System.Diagnostics;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

/// <summary>Each test owns its redis-server, because each one kills connections or the server itself.</summary>
public sealed class RedisReconnectTests
{
    [Fact]
    public async Task CommandConnectionReconnectsAfterClientKillAndPendingCommandsFailFast()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var admin = await RedisConnection.ConnectAsync(redis.Settings);
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings with { CommandTimeout = TimeSpan.FromSeconds(30) });
        var events = Watch(connection);
        var key = RedisServerFixture.NewPrefix("kill");

        // BLPOP parks a command on the connection so there is something pending when it dies.
        var pending = connection.ExecuteAsync("BLPOP", key, 0);
        await WaitForBlockedClientAsync(admin);
        await admin.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => pending.WaitAsync(TestTimeouts.Event));
        Assert.Contains("BLPOP", failure.Message, StringComparison.Ordinal);
        await events.Disconnected.Task.WaitAsync(TestTimeouts.Reconnect);
        await events.Connected.Task.WaitAsync(TestTimeouts.Reconnect);
        Assert.Equal("back", (await connection.ExecuteAsync("ECHO", "back")).AsString());
    }

    [Fact]
    public async Task SubscriberResubscribesEveryChannelAfterClientKillPubsub()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var prefix = RedisServerFixture.NewPrefix("resub");
        var first = new EventLog<string>();
        var second = new EventLog<string>();
        await using var s1 = await subscriber.SubscribeAsync($"{prefix}:one", RedisSubscriberTests.Collect(first));
        await using var s2 = await subscriber.SubscribeAsync($"{prefix}:two", RedisSubscriberTests.Collect(second));
        var events = Watch(subscriber);

        var killed = await connection.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        Assert.Equal(1, killed.AsInt64());
        await events.Disconnected.Task.WaitAsync(TestTimeouts.Reconnect);
        await events.Connected.Task.WaitAsync(TestTimeouts.Reconnect);

        await connection.PublishAsync($"{prefix}:one", "after kill 1");
        await connection.PublishAsync($"{prefix}:two", "after kill 2");
        Assert.Equal(["after kill 1"], await first.WaitForCountAsync(1, "message on channel one"));
        Assert.Equal(["after kill 2"], await second.WaitForCountAsync(1, "message on channel two"));
    }

    [Fact]
    public async Task CommandsFailFastWhileRedisIsDownAndEverythingResumesWhenItReturns()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("restart");
        var received = new EventLog<string>();
        await using var subscription = await subscriber.SubscribeAsync(channel, RedisSubscriberTests.Collect(received));
        var commandEvents = Watch(connection);
        var subscriberEvents = Watch(subscriber);

        await redis.StopAsync();
        await commandEvents.Disconnected.Task.WaitAsync(TestTimeouts.Reconnect);
        await subscriberEvents.Disconnected.Task.WaitAsync(TestTimeouts.Reconnect);

        Assert.False(connection.IsConnected);
        var stopwatch = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => connection.ExecuteAsync("PING"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"failed after {stopwatch.Elapsed}");
        Assert.Contains("not connected", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RedisConnectionException>(() => subscriber.SubscribeAsync(channel + ":late", _ => ValueTask.CompletedTask));

        await redis.StartAsync();
        await commandEvents.Connected.Task.WaitAsync(TestTimeouts.Reconnect);
        await subscriberEvents.Connected.Task.WaitAsync(TestTimeouts.Reconnect);

        Assert.Equal(1, await connection.PublishAsync(channel, "after restart"));
        Assert.Equal(["after restart"], await received.WaitForCountAsync(1, "message after restart"));
    }

    [Fact]
    public async Task PendingCommandsFailWhenTheServerDies()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var admin = await RedisConnection.ConnectAsync(redis.Settings);
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings with { CommandTimeout = TimeSpan.FromSeconds(30) });

        var pending = connection.ExecuteAsync("BLPOP", RedisServerFixture.NewPrefix("dies"), 0);
        await WaitForBlockedClientAsync(admin);
        await redis.StopAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => pending.WaitAsync(TestTimeouts.Event));
    }

    [Fact]
    public async Task ConnectingToAPortNobodyListensOnFailsWithTheEndpointInTheMessage()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        var settings = redis.Settings;
        await redis.StopAsync();

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(settings));

        Assert.Contains(settings.EndPoint, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionStartedWhileRedisIsDownConnectsWhenItComesUp()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await redis.StopAsync();
        await using var connection = new RedisConnection(redis.Settings);
        var events = Watch(connection);

        connection.Start();
        await Assert.ThrowsAsync<RedisConnectionException>(() => connection.ExecuteAsync("PING"));
        await redis.StartAsync();

        await events.Connected.Task.WaitAsync(TestTimeouts.Reconnect);
        Assert.Equal("PONG", (await connection.ExecuteAsync("PING")).AsString());
    }

    private static async Task WaitForBlockedClientAsync(RedisConnection admin)
    {
        // BLPOP went out on another connection; wait (on round trips, not time) until Redis has parked it.
        using var deadline = new CancellationTokenSource(TestTimeouts.Event);
        while (!(await admin.ExecuteAsync("INFO", "clients")).AsString()!.Contains("blocked_clients:1", StringComparison.Ordinal))
        {
            deadline.Token.ThrowIfCancellationRequested();
        }
    }

    private static ConnectionEvents Watch(RedisConnection connection)
    {
        var events = new ConnectionEvents();
        connection.Connected += () => events.Connected.TrySetResult();
        connection.Disconnected += _ => events.Disconnected.TrySetResult();
        return events;
    }

    private static ConnectionEvents Watch(RedisSubscriber subscriber)
    {
        var events = new ConnectionEvents();
        subscriber.Connected += () => events.Connected.TrySetResult();
        subscriber.Disconnected += _ => events.Disconnected.TrySetResult();
        return events;
    }

    private sealed class ConnectionEvents
    {
        public TaskCompletionSource Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
