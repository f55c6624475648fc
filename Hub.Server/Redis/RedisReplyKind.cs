namespace RealtimeHub.Server.Redis;

/// <summary>The RESP2 reply types.</summary>
public enum RedisReplyKind : byte
{
    /// <summary><c>+OK</c></summary>
    SimpleString = 1,

    /// <summary><c>-ERR …</c>; surfaced by <see cref="RedisConnection"/> as a <see cref="RedisServerException"/>.</summary>
    Error,

    /// <summary><c>:42</c></summary>
    Integer,

    /// <summary><c>$3 foo</c>, or the null bulk string <c>$-1</c>.</summary>
    BulkString,

    /// <summary><c>*2 …</c>, or the null array <c>*-1</c>.</summary>
    Array,
}
