namespace RealtimeHub.Server.Redis;

/// <summary>
/// The command could not be sent or its reply will never come: not connected, the connection dropped while the
/// command was pending, or the connection could not be established.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
