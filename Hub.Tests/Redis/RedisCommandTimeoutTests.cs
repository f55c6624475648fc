using System.Diagnostics;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisCommandTimeoutTests
{
    [Fact]
    public async Task CommandWithoutReplyFailsWithClearTimeoutAndLaterRepliesStayMatched()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--enable-debug-command", "yes");
        await using var blocker = await RedisConnection.ConnectAsync(redis.Settings);
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings with { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        var key = RedisServerFixture.NewPrefix("timeout");
        await connection.ExecuteAsync("SET", key, "after");

        // DEBUG SLEEP blocks the whole (single-threaded) server, so the GET cannot be answered in time.
        var sleep = blocker.ExecuteAsync("DEBUG", "SLEEP", "1.5");
        var stopwatch = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => connection.ExecuteAsync("GET", key));
        stopwatch.Stop();
        await sleep;

        Assert.Contains("GET", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("300 ms", timeout.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.4), $"timed out after {stopwatch.Elapsed}");
        Assert.Equal("after", (await connection.ExecuteAsync("GET", key)).AsString());
        Assert.Equal("x", (await connection.ExecuteAsync("ECHO", "x")).AsString());
    }
}
