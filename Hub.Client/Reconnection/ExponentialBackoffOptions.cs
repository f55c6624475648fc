namespace RealtimeHub.Client.Reconnection;

/// <summary>Options for <see cref="ExponentialBackoffRetryPolicy"/>.</summary>
public sealed class ExponentialBackoffOptions
{
    /// <summary>
    /// Delay before the first retry, before jitter; retry <c>n</c> (0-based) waits <c>BaseDelay × Multiplier^n</c>.
    /// Default: 500 ms.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Growth factor per attempt; must be at least 1. Default: 2.</summary>
    public double Multiplier { get; set; } = 2;

    /// <summary>Upper bound of any single delay, jitter included. Default: 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How the computed delay is randomised. Default: <see cref="JitterMode.Proportional"/>.</summary>
    public JitterMode Jitter { get; set; } = JitterMode.Proportional;

    /// <summary>
    /// For <see cref="JitterMode.Proportional"/>: the delay is moved by up to ± this fraction (0–1).
    /// Default: 0.2 (±20 %).
    /// </summary>
    public double JitterFraction { get; set; } = 0.2;

    /// <summary>Give up (return <c>null</c>) after this many retries in one reconnect sequence. Default: <c>null</c> (never).</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// Give up once this much time has passed since the connection was lost; the last delay is shortened so
    /// no attempt is scheduled past it. Default: <c>null</c> (never).
    /// </summary>
    public TimeSpan? MaxElapsed { get; set; }
}
