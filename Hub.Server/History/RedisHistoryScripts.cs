using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.History;

/// <summary>The Lua scripts of <see cref="RedisMessageStore"/>; each runs atomically, so nodes never interleave inside one.</summary>
internal static class RedisHistoryScripts
{
    /// <summary>
    /// KEYS: sequence counter, messages (ZSET), client ids (ZSET). ARGV: message JSON, client-id member or '',
    /// history length. Returns {1, sequence} when stored, {0, sequence, original JSON} for a repeated client id.
    /// </summary>
    public static RedisScript Append { get; } = new("""
        local client_id = ARGV[2]
        if client_id ~= '' then
          local existing = redis.call('ZSCORE', KEYS[3], client_id)
          if existing then
            local original = redis.call('ZRANGEBYSCORE', KEYS[2], existing, existing)
            if original[1] then
              return {0, tonumber(existing), original[1]}
            end
          end
        end
        local sequence = redis.call('INCR', KEYS[1])
        redis.call('ZADD', KEYS[2], sequence, ARGV[1])
        if client_id ~= '' then
          redis.call('ZADD', KEYS[3], sequence, client_id)
        end
        -- Sequences are gapless, so keeping the newest N means dropping every score below sequence - N + 1;
        -- client ids go with their messages, which bounds the idempotency index by the history length.
        local oldest_kept = sequence - tonumber(ARGV[3]) + 1
        if oldest_kept > 1 then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. oldest_kept)
          redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. oldest_kept)
        end
        return {1, sequence}
        """);

    /// <summary>KEYS: the private client-id key. ARGV: message JSON, expiry in ms. Returns nil when recorded, else the original JSON.</summary>
    public static RedisScript RecordPrivate { get; } = new("""
        local existing = redis.call('GET', KEYS[1])
        if existing then
          return existing
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """);
}
