namespace RealtimeHub.Client.Reconnection;

/// <summary>How <see cref="ExponentialBackoffRetryPolicy"/> spreads retries so clients cut off together do not return together.</summary>
public enum JitterMode
{
    /// <summary>Exactly the computed delay.</summary>
    None,

    /// <summary>Uniform in [0, computed delay): the widest spread ("full jitter").</summary>
    Full,

    /// <summary>Uniform in computed delay × [1 − fraction, 1 + fraction), capped at the maximum delay.</summary>
    Proportional,
}
