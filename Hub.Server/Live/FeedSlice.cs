namespace RealtimeHub.Server.Live;

/// <summary>
/// Part of a feed at one moment: the updates a publish applied, or the keys a read found. <see cref="Epoch"/> names the
/// feed's versions: it changes when the store lost the feed and versions started again at 1 (epochs of one feed sort by
/// age); empty when the store holds nothing of the feed.
/// </summary>
public sealed record FeedSlice(string Epoch, IReadOnlyList<FeedValue> Values)
{
    public static FeedSlice Empty { get; } = new(string.Empty, []);
}
