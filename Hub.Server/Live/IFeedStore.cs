namespace RealtimeHub.Server.Live;

/// <summary>
/// Every feed's newest values and versions: in Redis (shared by every node) or in memory (embedded mode). A publish
/// also reaches every node listening to the feed (<see cref="IFeedFanout"/>), as one message per publish.
/// </summary>
public interface IFeedStore
{
    /// <summary>
    /// Applies the entries in order, atomically (keys distinct: the caller keeps only a key's last entry of a request), each
    /// key's version one more than its last (a removal included), stamped <paramref name="publishedAt"/>; returns what
    /// was applied. The feed's listeners hear exactly this.
    /// </summary>
    Task<FeedSlice> PublishAsync(string feed, IReadOnlyList<FeedInput> entries, DateTime publishedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest value of each of <paramref name="keys"/> (every key when null) that the store knows, removed keys
    /// included (<see cref="FeedValue.IsRemoved"/>): readers that show values skip them.
    /// </summary>
    Task<FeedSlice> GetAsync(string feed, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken = default);
}
