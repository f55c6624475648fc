using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Access;

/// <summary>Lua for <see cref="RedisAccessControl"/>. KEYS: the resource's <c>access</c> and <c>grants</c> keys (one hash tag).</summary>
internal static class RedisAccessScripts
{
    /// <summary>ARGV[1] = user id. Returns { private (0/1), granted (0/1) } in one round trip.</summary>
    public static readonly RedisScript Check = new("""
        if redis.call('GET', KEYS[1]) == 'private' then
            return { 1, redis.call('SISMEMBER', KEYS[2], ARGV[1]) }
        end
        return { 0, 0 }
        """);
}
