namespace RealtimeHub.Server.Live;

/// <summary>
/// The one way into a feed, for the API and the demo alike: keeps each key's last entry of a request (one version per
/// key and request), stamps the request once, in whole milliseconds as Redis keeps it, and applies it.
/// </summary>
public sealed class FeedPublisher(IFeedStore store, TimeProvider time)
{
    /// <summary>Applies the entries (keys and sizes already checked); returns what was applied.</summary>
    public Task<FeedSlice> PublishAsync(string feed, IReadOnlyList<FeedInput> entries, CancellationToken cancellationToken = default)
    {
        var last = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            last[entries[i].Key] = i;
        }

        FeedInput[] applied = last.Count == entries.Count ? [.. entries] : [.. entries.Where((entry, i) => last[entry.Key] == i)];
        var publishedAt = DateTime.UnixEpoch.AddMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        return store.PublishAsync(feed, applied, publishedAt, cancellationToken);
    }
}
