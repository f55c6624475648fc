namespace RealtimeHub.Server.Live;

internal static partial class LiveLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} started watching feed {Feed}.")]
    public static partial void WatchStarted(ILogger logger, string connectionId, string userId, string feed);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} stopped watching feed {Feed}.")]
    public static partial void WatchEnded(ILogger logger, string connectionId, string feed);

    [LoggerMessage(3, LogLevel.Information, "The watch of feed {Feed} by connection {ConnectionId} of user {UserId} ended: the user is no longer a member.")]
    public static partial void WatchForbidden(ILogger logger, string feed, string connectionId, string userId);

    [LoggerMessage(4, LogLevel.Warning, "A watch of feed {Feed} could not start: Redis is unreachable.")]
    public static partial void WatchUnavailable(ILogger logger, string feed, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Feed {Feed} is in a new epoch {Epoch}: the store lost its values and versions, which start again at 1. Its watches get a new snapshot.")]
    public static partial void FeedLost(ILogger logger, string feed, string epoch);

    [LoggerMessage(6, LogLevel.Warning, "Could not reload feed {Feed}; retrying.")]
    public static partial void ReloadFailed(ILogger logger, string feed, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "A publication of feed {Feed} could not be applied.")]
    public static partial void ApplyFailed(ILogger logger, string feed, Exception exception);

    [LoggerMessage(8, LogLevel.Debug, "Could not stop listening to feed {Feed}.")]
    public static partial void StopListeningFailed(ILogger logger, string feed, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "A message on the channel of feed {Feed} could not be read.")]
    public static partial void BadMessage(ILogger logger, string feed);

    [LoggerMessage(10, LogLevel.Debug, "{Caller} published {Count} updates to feed {Feed}.")]
    public static partial void Published(ILogger logger, string caller, int count, string feed);

    [LoggerMessage(11, LogLevel.Information, "The demo market publishes feed {Feed}: {Instruments} instruments.")]
    public static partial void DemoStarted(ILogger logger, string feed, int instruments);

    [LoggerMessage(12, LogLevel.Warning, "The demo market could not publish; it keeps trying.")]
    public static partial void DemoFailing(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Information, "The demo market publishes again.")]
    public static partial void DemoRecovered(ILogger logger);
}
