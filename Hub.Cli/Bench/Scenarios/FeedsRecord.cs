using System.Text.Json.Nodes;
using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>The one result line of a <c>feeds</c> run, in the fields both generators write (bench/README.md).</summary>
internal static class FeedsRecord
{
    public static BenchRecord Build(
        BenchContext ctx, FeedsSizes sizes, FeedsWindowResult steady, FeedsPauseResult pause, long?[] nodeRss, FeedsPublisher publisher, long watchErrors)
    {
        var others = sizes.Watchers - 1;
        var seconds = steady.DurationMs / 1000;
        var ok = steady.Latency.P99Ms < FeedsScenario.GoalP99Ms && publisher.FailedRequests == 0 && watchErrors == 0;
        return new BenchRecord()
            .Set("nodes", ctx.Settings.Servers.Count).Set("connections", sizes.Watchers).Set("instruments", sizes.Instruments)
            .Set("keysPerWatcher", FeedsLayout.KeysPerWatcher).Set("maxPerSecond", FeedsLayout.MaxPerSecond)
            .Set("rate", sizes.UpdatesPerSecond).Set("batchesPerSec", FeedsLayout.BatchesPerSecond)
            .Set("warmUpMs", sizes.WarmUpMs).Set("durationMs", Math.Round(steady.DurationMs))
            .Set("sent", steady.Sent).Set("acked", steady.Accepted).Set("errors", publisher.FailedRequests)
            .Latency(steady.Latency)
            .Set("updatesPerWatcherPerSec", Math.Round(steady.Updates / (double)others / seconds, 2))
            .Set("publishedPerWatcherPerSec", Math.Round(steady.Accepted / seconds * FeedsLayout.KeysPerWatcher / sizes.Instruments, 2))
            .Set("bytesPerWatcherPerSec", Math.Round(steady.Bytes / (double)others / seconds))
            .Set("sendLagP99Ms", publisher.Lag.PercentileMs(99)).Cpu((steady.ServerCpu, steady.LoadgenCpu))
            .Set("rssBytes", nodeRss.Any(r => r is null) ? null : nodeRss.Sum())
            .Set("nodeRssBytes", new JsonArray([.. nodeRss.Select(r => (JsonNode?)r)]))
            .Set("pauseMs", Math.Round(pause.Others.DurationMs))
            .Set("pauseP50Ms", pause.Others.Latency.P50Ms).Set("pauseP99Ms", pause.Others.Latency.P99Ms)
            .Set("pauseP999Ms", pause.Others.Latency.P999Ms).Set("pauseSamples", pause.Others.Latency.Samples)
            .Set("pauseServerCpu", pause.Others.ServerCpu).Set("pauseLoadgenCpu", pause.Others.LoadgenCpu)
            .Set("pauseRssBeforeBytes", pause.RssBefore).Set("pauseRssPeakBytes", pause.RssPeak).Set("pauseRssAfterBytes", pause.RssAfter)
            .Set("pauseRssGrowthBytes", pause.RssAfter - pause.RssBefore).Set("pauseRssPeakGrowthBytes", pause.RssPeak - pause.RssBefore)
            .Set("pauseControlRssGrowthBytes", pause.ControlRssAfter - pause.ControlRssBefore)
            .Set("pausedKernelQueuedBytes", pause.KernelQueuedBytes).Set("pausedCatchUpMs", pause.CatchUpMs)
            .Set("pausedBytesAfterResume", pause.BytesAfterResume).Set("pausedClosed", pause.Closed)
            .Set("watchErrors", watchErrors).Set("goalP99Ms", FeedsScenario.GoalP99Ms).Set("ok", ok);
    }
}
