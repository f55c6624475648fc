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

        // CLIENT PAUSE holds every other client's commands for 1.5 s; awaiting its reply first makes sure the GET is
        // sent while the pause is on (two connections racing a DEBUG SLEEP could let the GET through first).
        await blocker.ExecuteAsync("CLIENT", "PAUSE", "1500", "ALL");
        var stopwatch = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => connection.ExecuteAsync("GET", key));
        stopwatch.Stop();

        // A connection with the default (longer) timeout is answered only once the pause is over: the barrier.
        await using (var patient = await RedisConnection.ConnectAsync(redis.Settings))
        {
            Assert.Equal("after", (await patient.ExecuteAsync("GET", key)).AsString());
        }

        Assert.Contains("GET", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("300 ms", timeout.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.4), $"timed out after {stopwatch.Elapsed}");
        Assert.Equal("after", (await connection.ExecuteAsync("GET", key)).AsString());
        Assert.Equal("x", (await connection.ExecuteAsync("ECHO", "x")).AsString());
    }
}
