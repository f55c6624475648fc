namespace RealtimeHub.Client.Live;

/// <summary>
/// A watch ended for good: the hub refused it (<see cref="Error"/> is the contract's prefix: <c>invalid feed</c>,
/// <c>invalid key</c>, <c>invalid rate</c>, <c>too many watches</c>, <c>forbidden feed</c>), or it could not be
/// watched again within what the retry policy allows (<see cref="Error"/> is <c>unavailable</c> when the hub said so).
/// </summary>
public sealed class LiveWatchException(string feed, string? error, string message, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>The feed that was being watched.</summary>
    public string Feed { get; } = feed;

    /// <summary>One of <see cref="Contracts.Live.LiveErrors"/>, or null when the hub's answer named none of them.</summary>
    public string? Error { get; } = error;
}
