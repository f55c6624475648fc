namespace RealtimeHub.Server.Live;

/// <summary>
/// Carries every publish of a feed to the nodes that listen to it: once per node, whatever the number of its watchers
/// (Redis: the feed's channel, sharded on a Redis Cluster; memory: a call).
/// </summary>
public interface IFeedFanout
{
    /// <summary>The node's one receiver of publications; set once, at start.</summary>
    void Attach(IFeedReceiver receiver);

    /// <summary>Starts hearing the feed's publications, unless already; returns once they are heard.</summary>
    Task ListenAsync(string feed, CancellationToken cancellationToken);

    /// <summary>Stops hearing them when <paramref name="stillNeeded"/> (asked under the fanout's own lock) says no watch is left.</summary>
    Task StopListeningAsync(string feed, Func<bool> stillNeeded);
}
