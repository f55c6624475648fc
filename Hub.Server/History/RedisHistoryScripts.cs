using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// The Lua scripts of <see cref="RedisMessageStore"/>; each runs atomically, so nodes never interleave inside one.
/// Every room script is a sequenced log's (<see cref="RedisSequencedLogScripts"/>): four keys (state, messages, client
/// ids, unbroadcast; all under the room's hash tag) and the same first four arguments, and it checks that the room's
/// keys still belong together before it reads or writes them.
/// </summary>
internal static class RedisHistoryScripts
{
    /// <summary>
    /// ARGV[5..]: message JSON, client-id member or '', history length. Returns
    /// {1, epoch, sequence} when stored (and listed as not yet broadcast), {0, epoch, sequence, original JSON, claimed}
    /// for a repeated client id. claimed is 1 when the original was listed as unbroadcast for longer than ARGV[4]
    /// (its node died, or its broadcast failed): this caller now holds a lease on broadcasting it. A younger entry is
    /// left to its own node, which may still be publishing it.
    /// </summary>
    public static RedisScript Append { get; } = new(RedisSequencedLogScripts.Prelude + """
        local client_id = ARGV[6]
        if client_id ~= '' then
          local existing = redis.call('ZSCORE', client_ids, client_id)
          if existing then
            local original = redis.call('ZRANGEBYSCORE', entries, existing, existing)
            if original[1] then
              local listed = redis.call('ZSCORE', unbroadcast, existing)
              local claimed = 0
              if listed and tonumber(listed) <= due_before then
                redis.call('ZADD', unbroadcast, 'XX', now, existing)
                claimed = 1
              end
              return {0, epoch, tonumber(existing), original[1], claimed}
            end
          end
        end
        local sequence = redis.call('HINCRBY', state, 'seq', 1)
        if sequence == 1 then
          redis.call('PERSIST', state)
        end
        redis.call('ZADD', entries, sequence, ARGV[5])
        redis.call('ZADD', unbroadcast, now, sequence)
        if client_id ~= '' then
          redis.call('ZADD', client_ids, sequence, client_id)
          redis.call('HSET', state, 'cids', 1)
        end
        -- Sequences are gapless, so keeping the newest N means dropping every score below sequence - N + 1;
        -- client ids go with their messages, which bounds the idempotency index by the history length.
        local oldest_kept = sequence - tonumber(ARGV[7]) + 1
        if oldest_kept > 1 then
          redis.call('ZREMRANGEBYSCORE', entries, '-inf', '(' .. oldest_kept)
          if redis.call('ZREMRANGEBYSCORE', client_ids, '-inf', '(' .. oldest_kept) > 0 and redis.call('EXISTS', client_ids) == 0 then
            redis.call('HDEL', state, 'cids') -- emptied by trimming, not lost
          end
        end
        return {1, epoch, sequence}
        """);

    /// <summary>ARGV[5..]: after sequence, limit. Returns {epoch, last sequence, members with scores...}.</summary>
    public static RedisScript ReadAfter { get; } = new(RedisSequencedLogScripts.Prelude + """
        local page = redis.call('ZRANGEBYSCORE', entries, '(' .. ARGV[5], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[6]))
        return {epoch, last, page}
        """);

    /// <summary>ARGV[5]: count. Returns {epoch, last sequence, the newest members with scores, oldest first}.</summary>
    public static RedisScript ReadLatest { get; } = new(RedisSequencedLogScripts.Prelude + """
        local count = tonumber(ARGV[5])
        local page = {}
        if count > 0 then
          page = redis.call('ZRANGE', entries, -count, -1, 'WITHSCORES')
        end
        return {epoch, last, page}
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
