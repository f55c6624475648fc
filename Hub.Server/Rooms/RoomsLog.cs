namespace RealtimeHub.Server.Rooms;

internal static partial class RoomsLog
{
    [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} of user {UserId} was removed from room {Room}: it is no longer a member.")]
    public static partial void Removed(ILogger logger, string connectionId, string userId, string room);

    [LoggerMessage(2, LogLevel.Warning, "Could not remove non-members from room {Room} after an access change.")]
    public static partial void RemovalFailed(ILogger logger, string room, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Only {Acknowledged} of {Expected} nodes confirmed the access change of room {Room} within {TimeoutMs} ms; a node may be stopping.")]
    public static partial void AckTimedOut(ILogger logger, string room, int acknowledged, int expected, double timeoutMs);

    [LoggerMessage(4, LogLevel.Warning, "Could not subscribe to room access changes; retrying when Redis is back.")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "A room access notice could not be read: {Notice}.")]
    public static partial void BadNotice(ILogger logger, string notice);
}
