using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live.Internal;

/// <summary>The newest version of each key a watch has handed to its consumer, so that no version is handed over twice.</summary>
internal sealed class FeedVersions
{
    private readonly Dictionary<string, long> _handed = new(StringComparer.Ordinal);

    /// <summary>A snapshot is the feed's word on what exists now (after a loss of the feed, versions start again at 1): forget the rest.</summary>
    public void Restart() => _handed.Clear();

    public void Record(FeedUpdate update) => _handed[update.Key] = update.Version;

    /// <summary>True when the consumer has neither this version of the key nor a newer one.</summary>
    public bool IsNew(FeedUpdate update) => !_handed.TryGetValue(update.Key, out var handed) || update.Version > handed;
}
