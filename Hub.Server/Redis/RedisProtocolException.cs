namespace RealtimeHub.Server.Redis;

/// <summary>The bytes from the server are not valid RESP2. The connection is closed and re-established.</summary>
public sealed class RedisProtocolException : RedisException
{
    public RedisProtocolException(string message)
        : base(message)
    {
    }
}
