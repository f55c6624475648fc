using System.Text.RegularExpressions;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

public sealed partial class RedisScriptTests
{
    [Fact]
    public async Task EvalShaFallsBackToEvalWhenTheScriptCacheWasFlushed()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var script = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
        var key = RedisServerFixture.NewPrefix("script");

        var first = await script.EvaluateAsync(database, [key], [5]);
        var second = await script.EvaluateAsync(database, [key], [5]);
        await connection.RunAsync("SCRIPT", "FLUSH");
        var third = await script.EvaluateAsync(database, [key], [5]);

        Assert.Equal([5L, 10L, 15L], [(long)first, (long)second, (long)third]);
        var stats = (string)(await connection.RunAsync("INFO", "commandstats"))!;
        // The script text crossed the wire only when Redis did not have it: first, and once after the flush.
        Assert.Equal(2, Calls(stats, "eval"));
        Assert.True(Calls(stats, "evalsha") >= 1);
    }

    [Fact]
    public async Task ScriptHashIsTheSha1RedisComputes()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var script = new RedisScript("return 1");

        var loaded = (string)(await connection.RunAsync("SCRIPT", "LOAD", script.Source))!;

        Assert.Equal(loaded, Convert.ToHexStringLower(script.Hash));
    }

    [Fact]
    public async Task ScriptErrorSurfacesAsRedisServerException()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => new RedisScript("return redis.error_reply('BOOM it failed')").EvaluateAsync(connection.GetDatabase()));

        Assert.StartsWith("BOOM", error.Message, StringComparison.Ordinal);
        Assert.Contains("it failed", error.Message, StringComparison.Ordinal);
    }

    private static int Calls(string commandStats, string command)
    {
        var match = CallsPattern().Matches(commandStats).FirstOrDefault(m => m.Groups[1].Value == command);
        return match is null ? 0 : int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"cmdstat_(\w+):calls=(\d+)")]
    private static partial Regex CallsPattern();
}
