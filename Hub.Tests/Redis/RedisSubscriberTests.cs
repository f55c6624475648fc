using System.Text;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisSubscriberTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task PublishedMessagesReachTheHandlerInPublishOrder()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("order");
        var received = new EventLog<string>();
        await using var subscription = await subscriber.SubscribeAsync(channel, Collect(received));

        for (var i = 0; i < 100; i++)
        {
            await connection.PublishAsync(channel, $"m{i}");
        }

        var messages = await received.WaitForCountAsync(100, "published messages");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"), messages);
    }

    [Fact]
    public async Task TwoLocalHandlersShareOneRedisSubscription()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("shared");
        var first = new EventLog<string>();
        var second = new EventLog<string>();

        var one = await subscriber.SubscribeAsync(channel, Collect(first));
        var two = await subscriber.SubscribeAsync(channel, Collect(second));
        Assert.Equal(1, await NumSub(connection, channel));
        Assert.Equal(1, await connection.PublishAsync(channel, "both"));
        await first.WaitForCountAsync(1, "first handler's message");
        await second.WaitForCountAsync(1, "second handler's message");

        await one.DisposeAsync();
        Assert.Equal(1, await NumSub(connection, channel));
        await connection.PublishAsync(channel, "only second");
        await second.WaitForCountAsync(2, "second handler's messages");

        await two.DisposeAsync();
        Assert.Equal(0, await NumSub(connection, channel));
        Assert.Single(first.Snapshot());
        Assert.Empty(subscriber.Channels);
    }

    [Fact]
    public async Task ChannelNamesWithPatternCharactersAreLiteral()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var prefix = RedisServerFixture.NewPrefix("literal");
        var star = new EventLog<string>();
        var question = new EventLog<string>();
        await using var s1 = await subscriber.SubscribeAsync($"{prefix}:*", Collect(star));
        await using var s2 = await subscriber.SubscribeAsync($"{prefix}:a?b", Collect(question));

        await connection.PublishAsync($"{prefix}:anything", "not for star");
        await connection.PublishAsync($"{prefix}:axb", "not for question");
        await connection.PublishAsync($"{prefix}:*", "star");
        await connection.PublishAsync($"{prefix}:a?b", "question");

        // One connection delivers in publish order: had a pattern matched, its message would come first.
        Assert.Equal(["star"], await star.WaitForCountAsync(1, "star message"));
        Assert.Equal(["question"], await question.WaitForCountAsync(1, "question message"));
        var patterns = await connection.ExecuteAsync("PUBSUB", "NUMPAT");
        Assert.Equal(0, patterns.AsInt64());
    }

    [Fact]
    public async Task AHandlerThatThrowsKeepsReceivingAndDoesNotDisturbOthers()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("throws");
        var seen = new EventLog<string>();
        var other = new EventLog<string>();
        await using var failing = await subscriber.SubscribeAsync(channel, message =>
        {
            seen.Add(Encoding.UTF8.GetString(message.Payload.Span));
            throw new InvalidOperationException("handler bug");
        });
        await using var healthy = await subscriber.SubscribeAsync(channel, Collect(other));

        await connection.PublishAsync(channel, "1");
        await connection.PublishAsync(channel, "2");

        Assert.Equal(["1", "2"], await seen.WaitForCountAsync(2, "messages to the failing handler"));
        Assert.Equal(["1", "2"], await other.WaitForCountAsync(2, "messages to the healthy handler"));
    }

    [Fact]
    public async Task ASlowHandlerDoesNotDelayOtherChannels()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var prefix = RedisServerFixture.NewPrefix("slow");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fast = new EventLog<string>();
        await using var slow = await subscriber.SubscribeAsync($"{prefix}:slow", async _ => await release.Task);
        await using var quick = await subscriber.SubscribeAsync($"{prefix}:fast", Collect(fast));

        await connection.PublishAsync($"{prefix}:slow", "stuck");
        await connection.PublishAsync($"{prefix}:fast", "through");

        Assert.Equal(["through"], await fast.WaitForCountAsync(1, "fast channel message"));
        release.SetResult();
    }

    [Fact]
    public async Task SubscriberConnectionStillAnswersCommandsWhileSubscribed()
    {
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings with { KeepAlive = TimeSpan.FromMilliseconds(50) });
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Disconnected += _ => disconnected.TrySetResult();
        await using var subscription = await subscriber.SubscribeAsync(RedisServerFixture.NewPrefix("ping"), _ => ValueTask.CompletedTask);
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("after-pings");
        var received = new EventLog<string>();
        await using var second = await subscriber.SubscribeAsync(channel, Collect(received));

        // Keep-alive PINGs in subscribed mode answer with ["pong", ""]; they must not be mistaken for messages.
        // Messages keep flowing (each awaited) until the server has counted several keep-alive PINGs.
        var pingsBefore = await PingCalls(connection);
        using var deadline = new CancellationTokenSource(TestTimeouts.Event);
        var sent = 0;
        while (await PingCalls(connection) < pingsBefore + 3)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await connection.PublishAsync(channel, $"m{sent}");
            await received.WaitForCountAsync(++sent, "message");
        }

        Assert.Equal(Enumerable.Range(0, sent).Select(i => $"m{i}"), received.Snapshot());
        Assert.False(disconnected.Task.IsCompleted);
        Assert.True(subscriber.IsConnected);
    }

    internal static Func<RedisChannelMessage, ValueTask> Collect(EventLog<string> log) => message =>
    {
        log.Add(Encoding.UTF8.GetString(message.Payload.Span));
        return ValueTask.CompletedTask;
    };

    private static async Task<long> PingCalls(RedisConnection connection)
    {
        var stats = (await connection.ExecuteAsync("INFO", "commandstats")).AsString()!;
        var line = stats.Split("\r\n").FirstOrDefault(l => l.StartsWith("cmdstat_ping:calls=", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["cmdstat_ping:calls=".Length..line.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> NumSub(RedisConnection connection, string channel) =>
        (await connection.ExecuteAsync("PUBSUB", "NUMSUB", channel))[1].AsInt64();
}
