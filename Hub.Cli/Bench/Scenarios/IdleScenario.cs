using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// (1) Idle connections: N authenticated connections, each connected and joined to a room of 50. Reports the
/// connect+join rate and the servers' RSS growth per connection (read from /proc).
/// </summary>
internal static class IdleScenario
{
    public static async Task RunAsync(BenchContext ctx)
    {
        var count = ctx.Settings.Connections ?? 10000;
        var settle = TimeSpan.FromMilliseconds(ctx.Quick ? 1000 : 3000);
        var tokens = Enumerable.Range(0, count).Select(i => ctx.Tokens.Mint($"idle{i}")).ToArray();
        var servers = ctx.Settings.Servers;

        await Task.Delay(settle);
        var rssBefore = ProcStats.TotalRssBytes(ctx.Settings.Pids);
        var latency = new Histogram();
        var errors = 0;
        var started = Clock.Now;
        HubSocket?[] clients;
        using (ctx.Progress.Status(() => $"{latency.Count}/{count} connected and joined, {Volatile.Read(ref errors)} errors"))
        {
            clients = await Load.InParallelAsync(count, ctx.Settings.Concurrency, async i =>
            {
                var begun = Clock.Now;
                try
                {
                    var client = await HubSocket.ConnectAsync(servers[i % servers.Count], tokens[i]);
                    await client.InvokeAsync("JoinRoom", $"idle-{i / 50}");
                    latency.RecordMs(Clock.ElapsedMs(begun));
                    return client;
                }
                catch (Exception ex)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        ctx.Log($"first error: {ex.Message}");
                    }

                    return null;
                }
            });
        }

        var elapsedMs = Clock.ElapsedMs(started);
        var joined = count - errors;
        ctx.Log($"{joined}/{count} connected and joined in {Math.Round(elapsedMs)} ms");

        await Task.Delay(settle);
        var rssAfter = ProcStats.TotalRssBytes(ctx.Settings.Pids);
        var rssDelta = rssAfter - rssBefore;
        ctx.Emit(new BenchRecord()
            .Set("nodes", servers.Count).Set("connections", count).Set("durationMs", Math.Round(elapsedMs))
            .Set("sent", count).Set("acked", joined).Set("errors", errors)
            .Set("connectPerSec", Math.Round(joined / elapsedMs * 1000))
            .Latency(latency.Summary())
            .Set("rssBytes", rssAfter).Set("rssBeforeBytes", rssBefore).Set("rssDeltaBytes", rssDelta)
            .Set("bytesPerConnection", rssDelta is { } delta && joined > 0 ? Math.Round((double)delta / joined) : null));
        foreach (var client in clients)
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }

        await Task.Delay(200);
    }
}
