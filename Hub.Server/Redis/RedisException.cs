namespace RealtimeHub.Server.Redis;

/// <summary>Base of every error raised by the Redis client.</summary>
public class RedisException : Exception
{
    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
