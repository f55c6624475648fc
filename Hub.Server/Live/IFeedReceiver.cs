namespace RealtimeHub.Server.Live;

/// <summary>What <see cref="IFeedFanout"/> delivers to on this node.</summary>
public interface IFeedReceiver
{
    /// <summary>A publish of a feed this node listens to, in publish order per feed.</summary>
    void OnPublished(string feed, FeedSlice applied);

    /// <summary>The link to the other nodes was down and is back: publications may have been missed meanwhile.</summary>
    void OnLinkRestored();
}
