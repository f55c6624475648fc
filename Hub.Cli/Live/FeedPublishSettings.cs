using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Cli.Live;

/// <summary>How <see cref="FeedPublisher"/> batches and retries.</summary>
/// <param name="FlushInterval">The longest an update read waits for others to share its request.</param>
/// <param name="RetryFor">How long one request is retried while the server cannot be reached or answers 5xx.</param>
internal sealed record FeedPublishSettings(TimeSpan FlushInterval, TimeSpan RetryFor)
{
    /// <summary>Entries per request: the contract's most.</summary>
    public int MaxEntries { get; init; } = LiveLimits.MaxUpdatesPerRequest;

    /// <summary>
    /// Bytes of entries per request: 1 MiB, less room for the envelope <c>{"updates":[…]}</c>. The publish route takes
    /// more, but a proxy in front may not: nginx refuses bodies over 1 MiB unless told otherwise.
    /// </summary>
    public int MaxBytes { get; init; } = MaxBodyBytes - 64;

    private const int MaxBodyBytes = 1024 * 1024;
}
