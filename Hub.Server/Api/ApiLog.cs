using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Api;

internal static partial class ApiLog
{
    [LoggerMessage(1, LogLevel.Information, "{Caller} made {Kind} {Name} {Access}.")]
    public static partial void AccessSet(ILogger logger, string caller, AccessKind kind, string name, string access);

    [LoggerMessage(2, LogLevel.Information, "{Caller} granted {Kind} {Name} to user {UserId}.")]
    public static partial void Granted(ILogger logger, string caller, AccessKind kind, string name, string userId);

    [LoggerMessage(3, LogLevel.Information, "{Caller} revoked {Kind} {Name} from user {UserId}.")]
    public static partial void Revoked(ILogger logger, string caller, AccessKind kind, string name, string userId);

    [LoggerMessage(4, LogLevel.Debug, "{Caller} posted message {MessageId} to room {Room} as {SenderId}.")]
    public static partial void Posted(ILogger logger, string caller, string messageId, string room, string senderId);

    [LoggerMessage(5, LogLevel.Debug, "{Caller} sent notification {NotificationId} of type {Type} to user {UserId}.")]
    public static partial void Notified(ILogger logger, string caller, string notificationId, string type, string userId);

    [LoggerMessage(6, LogLevel.Warning, "An API call failed: Redis is unreachable.")]
    public static partial void Unavailable(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "{Caller} granted {Kind} {Name} to user {UserId} with the role {Role}.")]
    public static partial void GrantedRole(ILogger logger, string caller, AccessKind kind, string name, string userId, AccessRole role);
}
