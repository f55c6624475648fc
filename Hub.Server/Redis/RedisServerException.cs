namespace RealtimeHub.Server.Redis;

/// <summary>Redis answered a command with an error reply (<c>-ERR …</c>, <c>-WRONGTYPE …</c>, <c>-NOSCRIPT …</c>).</summary>
public sealed class RedisServerException : RedisException
{
    public RedisServerException(string message)
        : base(message)
    {
        var space = message.IndexOf(' ');
        ErrorCode = space < 0 ? message : message[..space];
    }

    /// <summary>The first word of the error, by Redis convention its kind: <c>ERR</c>, <c>NOSCRIPT</c>, <c>WRONGPASS</c>, …</summary>
    public string ErrorCode { get; }
}
