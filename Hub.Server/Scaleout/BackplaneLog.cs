namespace RealtimeHub.Server.Scaleout;

internal static partial class BackplaneLog
{
    [LoggerMessage(1, LogLevel.Error, "Dropped a corrupt backplane message on channel {Channel}.")]
    public static partial void CorruptEnvelope(ILogger logger, string channel, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Could not subscribe the backplane's internal channels yet; retrying on the next connection.")]
    public static partial void InternalSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Hub call {Method} on connection {ConnectionId} failed: the backplane is unreachable.")]
    public static partial void CallFailed(ILogger logger, string method, string connectionId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Writing a backplane message to local connections failed.")]
    public static partial void LocalWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Connection {ConnectionId} arrived while Redis is unreachable; asked the client to reconnect.")]
    public static partial void ConnectRefused(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "The official backplane has not subscribed its internal channels after {Waited}; calls go ahead without waiting for them.")]
    public static partial void OfficialNotSubscribed(ILogger logger, TimeSpan waited);
}
