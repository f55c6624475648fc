using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisConnectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task ThousandConcurrentCommandsEachGetTheirOwnReply()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var prefix = RedisServerFixture.NewPrefix("pipeline");
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => connection.ExecuteAsync("SET", $"{prefix}:{i}", i)));

        var gets = Enumerable.Range(0, 1000).Select(async i => (i, value: (await connection.ExecuteAsync("GET", $"{prefix}:{i}")).AsInt64()));
        var increments = Enumerable.Range(0, 1000).Select(_ => connection.ExecuteAsync("INCR", $"{prefix}:counter"));
        var getResults = Task.WhenAll(gets);
        var incrementResults = await Task.WhenAll(increments);

        Assert.All(await getResults, result => Assert.Equal(result.i, result.value));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), incrementResults.Select(reply => reply.AsInt64()).Order());
    }

    [Fact]
    public async Task ConcurrentCommandsCoalesceIntoFewerSocketWrites()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var transport = connection.Transport!;
        var flushesBefore = transport.Flushes;
        var writtenBefore = transport.CommandsWritten;

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => connection.ExecuteAsync("PING")));

        var written = transport.CommandsWritten - writtenBefore;
        var flushes = transport.Flushes - flushesBefore;
        Assert.Equal(2000, written);
        Assert.True(flushes < written / 2, $"{written} commands took {flushes} socket writes");
    }

    [Fact]
    public async Task CommandsAreExecutedInTheOrderTheyWereSent()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var key = RedisServerFixture.NewPrefix("order");

        var appends = Enumerable.Range(0, 200).Select(i => connection.ExecuteAsync("RPUSH", key, i)).ToArray();
        await Task.WhenAll(appends);

        var list = await connection.ExecuteAsync("LRANGE", key, 0, -1);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), list.AsArray().Select(item => item.AsInt64()));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appends.Select(append => append.Result.AsInt64()));
    }

    [Fact]
    public async Task ErrorReplySurfacesAsRedisServerExceptionWithTheMessage()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var key = RedisServerFixture.NewPrefix("error");
        await connection.ExecuteAsync("SET", key, "not a number");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => connection.ExecuteAsync("INCR", key));

        Assert.Equal("ERR", error.ErrorCode);
        Assert.Contains("not an integer", error.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", (await connection.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task NestedArraysAndNullsFromTheServerAreParsed()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);

        var reply = await connection.ExecuteAsync("EVAL", "return {1, {'two', {3}}, false, 'four'}", 0);

        Assert.Equal(4, reply.Count);
        Assert.Equal(1, reply[0].AsInt64());
        Assert.Equal("two", reply[1][0].AsString());
        Assert.Equal(3, reply[1][1][0].AsInt64());
        Assert.True(reply[2].IsNull);
        Assert.Equal("four", reply[3].AsString());
    }

    [Fact]
    public async Task LargeValuesRoundTrip()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var key = RedisServerFixture.NewPrefix("large");
        var value = new byte[5 * 1024 * 1024];
        new Random(1).NextBytes(value);

        await connection.ExecuteAsync("SET", key, value);
        var reply = await connection.ExecuteAsync("GET", key);

        Assert.True(reply.AsSpan().SequenceEqual(value));
    }

    [Fact]
    public async Task MissingKeyIsANullBulkString()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);

        var reply = await connection.ExecuteAsync("GET", RedisServerFixture.NewPrefix("missing"));

        Assert.True(reply.IsNull);
    }

    [Fact]
    public async Task CancelledCommandDoesNotShiftTheRepliesOfLaterCommands()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var key = RedisServerFixture.NewPrefix("cancel");
        await connection.ExecuteAsync("SET", key, "value");
        using var cancelled = new CancellationTokenSource();

        var first = connection.ExecuteAsync("GET", [key], cancelled.Token);
        cancelled.Cancel();
        var second = await connection.ExecuteAsync("ECHO", "second");

        Assert.Equal("second", second.AsString());
        var firstOutcome = await Record.ExceptionAsync(() => first);
        Assert.True(firstOutcome is null or OperationCanceledException);
    }
}
