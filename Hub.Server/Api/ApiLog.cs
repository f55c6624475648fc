namespace RealtimeHub.Server.Api;

internal static partial class ApiLog
{
    [LoggerMessage(1, LogLevel.Information, "{Caller} made room {Room} {Access}.")]
    public static partial void AccessSet(ILogger logger, string caller, string room, string access);

    [LoggerMessage(2, LogLevel.Information, "{Caller} granted room {Room} to user {UserId}.")]
    public static partial void Granted(ILogger logger, string caller, string room, string userId);

    [LoggerMessage(3, LogLevel.Information, "{Caller} revoked room {Room} from user {UserId}.")]
    public static partial void Revoked(ILogger logger, string caller, string room, string userId);

    [LoggerMessage(4, LogLevel.Debug, "{Caller} posted message {MessageId} to room {Room} as {SenderId}.")]
    public static partial void Posted(ILogger logger, string caller, string messageId, string room, string senderId);

    [LoggerMessage(5, LogLevel.Debug, "{Caller} sent notification {NotificationId} of type {Type} to user {UserId}.")]
    public static partial void Notified(ILogger logger, string caller, string notificationId, string type, string userId);

    [LoggerMessage(6, LogLevel.Warning, "An API call failed: Redis is unreachable.")]
    public static partial void Unavailable(ILogger logger, Exception exception);
}
