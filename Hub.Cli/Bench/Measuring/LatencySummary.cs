namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>A histogram's figures as the result schema names them (milliseconds, null when nothing was recorded).</summary>
internal sealed record LatencySummary(double? P50Ms, double? P99Ms, double? P999Ms, double? MaxMs, double? MeanMs, long Samples);
