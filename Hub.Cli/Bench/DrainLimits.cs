namespace RealtimeHub.Cli.Bench;

/// <summary>How long a drain waits: for no progress (<see cref="IdleMs"/>) or at all (<see cref="MaxMs"/>).</summary>
internal readonly record struct DrainLimits(double IdleMs, double MaxMs);
