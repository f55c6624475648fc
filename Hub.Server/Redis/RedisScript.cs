using System.Security.Cryptography;
using System.Text;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// A Lua script run atomically by Redis. <see cref="RedisConnection.EvaluateAsync"/> sends its SHA1 with
/// <c>EVALSHA</c> and falls back to <c>EVAL</c> when Redis answers <c>NOSCRIPT</c> (after a restart or a
/// <c>SCRIPT FLUSH</c>); connections also load every script they have run whenever they reconnect.
/// </summary>
public sealed class RedisScript
{
    public RedisScript(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
    }

    public string Source { get; }

    /// <summary>Lower-case hex SHA1 of the UTF-8 source, as Redis names scripts.</summary>
    public string Sha1 { get; }
}
