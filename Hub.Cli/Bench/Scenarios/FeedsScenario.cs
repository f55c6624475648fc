namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// (7) <c>feeds</c> (issue 19): watchers on every --server, each watching 20 instruments of the feed <c>quotes</c> at 2 per
/// second through <c>LiveHub</c>'s <c>Watch</c> stream, while a service publishes through <c>POST /api/v1/feeds/quotes/updates</c>
/// every 10 ms. After a warm-up: one measured window (latency from the scheduled publish to receipt, bytes and updates
/// per watcher per second, server CPU, RSS), then one watcher stops reading for the pause while the others are
/// measured again, then it reads again. One record per run. Goals (judged by bench/report.js): p99 &lt; 150 ms, bytes
/// per watcher ≤ 0.25× and server CPU ≤ 0.5× the Socket.IO peer's, and the pause grows its node's RSS by &lt; 5 MB and
/// leaves the others' p99 as it was.
/// </summary>
internal static class FeedsScenario
{
    public const double GoalP99Ms = 150;

    /// <summary>The server API key of the bench's nodes (bench/run.sh exports it; stacks/realtimehub.sh sets Api:Keys:bench).</summary>
    public const string ApiKeyVariable = "BENCH_API_KEY";

    public static async Task RunAsync(BenchContext ctx)
    {
        var apiKey = ctx.Settings.ApiKey ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ArgumentException($"feeds publishes through the server API: give --api-key or set {ApiKeyVariable}");
        }

        await new FeedsRun(ctx, FeedsSizes.From(ctx.Settings), apiKey).RunAsync();
    }
}
