using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Access;

/// <summary>Lua for <see cref="RedisAccessControl"/>. KEYS: some of the resource's <c>access</c>, <c>grants</c> and <c>readers</c> keys (one hash tag).</summary>
internal static class RedisAccessScripts
{
    /// <summary>
    /// KEYS: access, grants, readers. ARGV[1] = user id. Returns { private (0/1), role } in one round trip, role as
    /// <see cref="AccessRole"/>: 0 not granted, 1 read, 2 write (0 when open: the caller does not look).
    /// </summary>
    public static readonly RedisScript Check = new("""
        if redis.call('GET', KEYS[1]) ~= 'private' then
            return { 0, 0 }
        end
        if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then
            return { 1, 0 }
        end
        return { 1, 2 - redis.call('SISMEMBER', KEYS[3], ARGV[1]) }
        """);

    /// <summary>KEYS: grants, readers. ARGV[1] = user id, ARGV[2] = 1 for read only, 0 for write. Replaces any earlier role at once.</summary>
    public static readonly RedisScript Grant = new("""
        redis.call('SADD', KEYS[1], ARGV[1])
        if ARGV[2] == '1' then
            redis.call('SADD', KEYS[2], ARGV[1])
        else
            redis.call('SREM', KEYS[2], ARGV[1])
        end
        return 1
        """);

    /// <summary>KEYS: grants, readers. ARGV[1] = user id.</summary>
    public static readonly RedisScript Revoke = new("""
        redis.call('SREM', KEYS[2], ARGV[1])
        return redis.call('SREM', KEYS[1], ARGV[1])
        """);
}
