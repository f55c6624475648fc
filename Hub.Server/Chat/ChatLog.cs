namespace RealtimeHub.Server.Chat;

internal static partial class ChatLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} connected.")]
    public static partial void Connected(ILogger logger, string connectionId, string userId);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} of user {UserId} disconnected; the user left {RoomsLeft} rooms.")]
    public static partial void Disconnected(ILogger logger, string connectionId, string userId, int roomsLeft);

    [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} joined room {Room}.")]
    public static partial void Joined(ILogger logger, string connectionId, string room);

    [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} left room {Room}.")]
    public static partial void Left(ILogger logger, string connectionId, string room);

    [LoggerMessage(5, LogLevel.Warning, "Presence could not record that connection {ConnectionId} left; it will catch up when the backplane returns.")]
    public static partial void PresenceUnavailableOnDisconnect(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Presence could not register connection {ConnectionId}; closing it so the client reconnects.")]
    public static partial void PresenceUnavailableOnConnect(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Message {MessageId} is stored but its broadcast failed; it will be broadcast again.")]
    public static partial void BroadcastFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Broadcasting message {MessageId} (room {Room}, sequence {Sequence}): it was stored but never confirmed broadcast.")]
    public static partial void Rebroadcasting(ILogger logger, string messageId, string room, long sequence);
}
