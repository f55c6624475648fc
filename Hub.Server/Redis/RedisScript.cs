using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// A Lua script run atomically by Redis: by its SHA1 with <c>EVALSHA</c> (no script text on the wire per call), falling
/// back to <c>EVAL</c> when Redis answers <c>NOSCRIPT</c> (after a restart or a <c>SCRIPT FLUSH</c>), which also caches it again.
/// </summary>
public sealed class RedisScript
{
    public RedisScript(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Hash = SHA1.HashData(Encoding.UTF8.GetBytes(source));
    }

    public string Source { get; }

    public byte[] Hash { get; }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[]? keys = null, RedisValue[]? values = null)
    {
        try
        {
            return await database.ScriptEvaluateAsync(Hash, keys, values).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Source, keys, values).ConfigureAwait(false);
        }
    }
}
