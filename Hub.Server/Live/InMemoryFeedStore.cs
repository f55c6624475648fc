using RealtimeHub.Server.History;

namespace RealtimeHub.Server.Live;

/// <summary>
/// Embedded mode: feeds of this process, which is every node there is, so it is its own fan-out: a publish reaches the
/// receiver directly, under the same lock that applied it, so publications of a feed arrive in order.
/// </summary>
public sealed class InMemoryFeedStore(TimeProvider time) : IFeedStore, IFeedFanout
{
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listened = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private IFeedReceiver? _receiver;

    public Task<FeedSlice> PublishAsync(string feed, IReadOnlyList<FeedInput> entries, DateTime publishedAt, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var state = _feeds.TryGetValue(feed, out var existing) ? existing : _feeds[feed] = new Feed(Epochs.New(time));
            var applied = new FeedValue[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var (key, json) = entries[i];
                var version = state.Values.TryGetValue(key, out var previous) ? previous.Version + 1 : 1;
                applied[i] = state.Values[key] = new FeedValue(key, json, version, publishedAt);
            }

            var slice = new FeedSlice(state.Epoch, applied);
            if (_listened.Contains(feed))
            {
                _receiver?.OnPublished(feed, slice);
            }

            return Task.FromResult(slice);
        }
    }

    public Task<FeedSlice> GetAsync(string feed, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_feeds.TryGetValue(feed, out var state))
            {
                return Task.FromResult(FeedSlice.Empty);
            }

            FeedValue[] values = keys is null
                ? [.. state.Values.Values]
                : [.. keys.Where(state.Values.ContainsKey).Select(key => state.Values[key])];
            return Task.FromResult(new FeedSlice(state.Epoch, values));
        }
    }

    public void Attach(IFeedReceiver receiver) => _receiver = receiver;

    public Task ListenAsync(string feed, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _listened.Add(feed);
        }

        return Task.CompletedTask;
    }

    public Task StopListeningAsync(string feed, Func<bool> stillNeeded)
    {
        lock (_sync)
        {
            if (!stillNeeded())
            {
                _listened.Remove(feed);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Feed(string epoch)
    {
        public string Epoch { get; } = epoch;

        public Dictionary<string, FeedValue> Values { get; } = new(StringComparer.Ordinal);
    }
}
