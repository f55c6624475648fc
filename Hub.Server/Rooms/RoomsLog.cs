namespace RealtimeHub.Server.Rooms;

internal static partial class RoomsLog
{
    [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} of user {UserId} was removed from room {Room}: it is no longer a member.")]
    public static partial void Removed(ILogger logger, string connectionId, string userId, string room);
}
