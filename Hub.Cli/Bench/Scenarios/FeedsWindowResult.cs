using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// One measured window of the <c>feeds</c> scenario, over every watcher but the one that is paused later: latency from
/// the scheduled publish to receipt, bytes read, updates received, CPU, and the publisher's updates sent and accepted.
/// </summary>
internal sealed record FeedsWindowResult(
    double DurationMs, LatencySummary Latency, double? ServerCpu, double LoadgenCpu, long Bytes, long Updates, long Sent, long Accepted);
