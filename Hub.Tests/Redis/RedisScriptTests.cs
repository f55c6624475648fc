using System.Text.RegularExpressions;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed partial class RedisScriptTests
{
    [Fact]
    public async Task EvalShaFallsBackToEvalWhenTheScriptCacheWasFlushed()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var script = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
        var key = RedisServerFixture.NewPrefix("script");

        var first = await connection.EvaluateAsync(script, [key], [5]);
        var second = await connection.EvaluateAsync(script, [key], [5]);
        await connection.ExecuteAsync("SCRIPT", "FLUSH");
        var third = await connection.EvaluateAsync(script, [key], [5]);

        Assert.Equal([5L, 10L, 15L], [first.AsInt64(), second.AsInt64(), third.AsInt64()]);
        var stats = (await connection.ExecuteAsync("INFO", "commandstats")).AsString()!;
        Assert.Equal(3, Calls(stats, "evalsha"));
        Assert.Equal(2, Calls(stats, "eval"));
    }

    [Fact]
    public async Task ScriptShaIsTheLowerCaseHexSha1RedisComputes()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        var script = new RedisScript("return 1");

        var loaded = await connection.ExecuteAsync("SCRIPT", "LOAD", script.Source);

        Assert.Equal(loaded.AsString(), script.Sha1);
    }

    [Fact]
    public async Task ScriptErrorSurfacesAsRedisServerException()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => connection.EvaluateAsync(new RedisScript("return redis.error_reply('BOOM it failed')"), []));

        Assert.Equal("BOOM", error.ErrorCode);
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
