namespace RealtimeHub.Contracts.Live;

/// <summary>Methods a client invokes on the hub at <see cref="HubRoutes.Live"/>, by these exact names.</summary>
public interface ILiveHub
{
    /// <summary>
    /// A server-to-client stream of <see cref="FeedBatch"/>: a snapshot first, then at most one batch per
    /// <c>Live:BatchInterval</c>, each key no more often than <paramref name="maxPerSecond"/> (0.1–50; null for
    /// <c>Live:DefaultMaxPerSecond</c>). <paramref name="keys"/>: 1–500 keys, or null for every key of the feed.
    /// Cancelling the stream ends the watch.
    /// </summary>
    IAsyncEnumerable<FeedBatch> Watch(string feed, string[]? keys, double? maxPerSecond, CancellationToken cancellationToken);
}
