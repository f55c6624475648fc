namespace RealtimeHub.Server.Live.Internal;

/// <summary>This node's running watches by feed, so an access change can end those of users who lost the feed.</summary>
internal sealed class WatchRegistry
{
    private readonly Dictionary<string, HashSet<FeedWatch>> _byFeed = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public void Add(FeedWatch watch)
    {
        lock (_sync)
        {
            var watches = _byFeed.TryGetValue(watch.Request.Feed, out var existing) ? existing : _byFeed[watch.Request.Feed] = [];
            watches.Add(watch);
        }
    }

    public void Remove(FeedWatch watch)
    {
        lock (_sync)
        {
            if (_byFeed.TryGetValue(watch.Request.Feed, out var watches) && watches.Remove(watch) && watches.Count == 0)
            {
                _byFeed.Remove(watch.Request.Feed);
            }
        }
    }

    /// <summary>The feed's watches, or only those of <paramref name="userId"/>.</summary>
    public IReadOnlyList<FeedWatch> Of(string feed, string? userId = null)
    {
        lock (_sync)
        {
            return _byFeed.TryGetValue(feed, out var watches)
                ? [.. watches.Where(w => userId is null || w.Request.UserId == userId)]
                : [];
        }
    }

    /// <summary>Every running watch (tests and diagnostics).</summary>
    public IReadOnlyList<FeedWatch> All()
    {
        lock (_sync)
        {
            return [.. _byFeed.Values.SelectMany(w => w)];
        }
    }
}
