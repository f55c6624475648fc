using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// The Lua scripts of <see cref="RedisMessageStore"/>; each runs atomically, so nodes never interleave inside one.
/// Every room script takes the same four keys (state, messages, client ids, unbroadcast; all under the room's hash
/// tag) and the same first four arguments (a random suffix for a new epoch, the epoch and sequence this node last saw
/// in the room, and how long (ms) an unbroadcast message belongs to the node that stored it), and checks that the
/// room's keys still belong together before it reads or writes them. Times come from Redis's clock, so nodes' clocks never have to agree.
/// </summary>
internal static class RedisHistoryScripts
{
    /// <summary>
    /// Finds the room's epoch and last sequence, starting a new epoch when the history was lost: the state hash gone
    /// (Redis emptied, or the hash evicted), the messages gone while the counter says there were some, the client ids
    /// gone while the state says there are some, or a counter behind what this node already saw in the same epoch
    /// (a failover to a replica that had not received the latest writes). A new epoch drops whatever is left. Its id
    /// starts with Redis's own clock in hex ms, so epochs of a room sort by age whatever the nodes' clocks say.
    /// The state of a room nobody has written to yet expires after a day, so reading made-up room names leaves nothing behind.
    /// </summary>
    private const string Checks = """
        local state, messages, client_ids, unbroadcast = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local due_before = now - tonumber(ARGV[4])
        local function current_epoch()
          local fields = redis.call('HMGET', state, 'epoch', 'seq', 'cids')
          local epoch, seq = fields[1], tonumber(fields[2] or '0')
          if epoch
            and (seq == 0 or redis.call('EXISTS', messages) == 1)
            and (not fields[3] or redis.call('EXISTS', client_ids) == 1)
            and not (epoch == ARGV[2] and seq < tonumber(ARGV[3])) then
            return epoch, seq
          end
          local fresh = string.format('%012x', now) .. ARGV[1]
          redis.call('DEL', messages, client_ids, unbroadcast)
          redis.call('HSET', state, 'epoch', fresh, 'seq', 0)
          redis.call('HDEL', state, 'cids')
          redis.call('PEXPIRE', state, 86400000)
          return fresh, 0
        end

        """;

    /// <summary><see cref="Checks"/>, run first thing: what every script but the sweeper's needs.</summary>
    private const string Prelude = Checks + """
        local epoch, last = current_epoch()

        """;

    /// <summary>
    /// ARGV[5..]: message JSON, client-id member or '', history length. Returns
    /// {1, epoch, sequence} when stored (and listed as not yet broadcast), {0, epoch, sequence, original JSON, claimed}
    /// for a repeated client id. claimed is 1 when the original was listed as unbroadcast for longer than ARGV[4]
    /// (its node died, or its broadcast failed): this caller now holds a lease on broadcasting it. A younger entry is
    /// left to its own node, which may still be publishing it.
    /// </summary>
    public static RedisScript Append { get; } = new(Prelude + """
        local client_id = ARGV[6]
        if client_id ~= '' then
          local existing = redis.call('ZSCORE', client_ids, client_id)
          if existing then
            local original = redis.call('ZRANGEBYSCORE', messages, existing, existing)
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
        redis.call('ZADD', messages, sequence, ARGV[5])
        redis.call('ZADD', unbroadcast, now, sequence)
        if client_id ~= '' then
          redis.call('ZADD', client_ids, sequence, client_id)
          redis.call('HSET', state, 'cids', 1)
        end
        -- Sequences are gapless, so keeping the newest N means dropping every score below sequence - N + 1;
        -- client ids go with their messages, which bounds the idempotency index by the history length.
        local oldest_kept = sequence - tonumber(ARGV[7]) + 1
        if oldest_kept > 1 then
          redis.call('ZREMRANGEBYSCORE', messages, '-inf', '(' .. oldest_kept)
          if redis.call('ZREMRANGEBYSCORE', client_ids, '-inf', '(' .. oldest_kept) > 0 and redis.call('EXISTS', client_ids) == 0 then
            redis.call('HDEL', state, 'cids') -- emptied by trimming, not lost
          end
        end
        return {1, epoch, sequence}
        """);

    /// <summary>ARGV[5..]: after sequence, limit. Returns {epoch, last sequence, members with scores...}.</summary>
    public static RedisScript ReadAfter { get; } = new(Prelude + """
        local page = redis.call('ZRANGEBYSCORE', messages, '(' .. ARGV[5], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[6]))
        return {epoch, last, page}
        """);

    /// <summary>ARGV[5]: count. Returns {epoch, last sequence, the newest members with scores, oldest first}.</summary>
    public static RedisScript ReadLatest { get; } = new(Prelude + """
        local count = tonumber(ARGV[5])
        local page = {}
        if count > 0 then
          page = redis.call('ZRANGE', messages, -count, -1, 'WITHSCORES')
        end
        return {epoch, last, page}
        """);

    /// <summary>
    /// ARGV[5]: at most how many. Takes a lease on messages listed as unbroadcast for longer than ARGV[4] (their node died between storing and publishing, or its broadcast failed): their entry is stamped with
    /// now, so no other node takes them before that time has passed again, and only a confirmed broadcast removes
    /// it. Entries whose message was trimmed away are dropped. Returns {epoch, last sequence, members with scores}, or nil
    /// when nothing is due, without touching the room's state (so sweeping an idle room costs one lookup).
    /// </summary>
    public static RedisScript ClaimUnbroadcast { get; } = new(Checks + """
        -- Every node runs this for each of its rooms every few seconds: when nothing is due, answer before the checks.
        local due = redis.call('ZRANGEBYSCORE', unbroadcast, '-inf', due_before, 'LIMIT', 0, tonumber(ARGV[5]))
        if #due == 0 then
          return false
        end
        local epoch, last = current_epoch()
        local claimed = {}
        for _, sequence in ipairs(due) do
          local found = redis.call('ZRANGEBYSCORE', messages, sequence, sequence, 'WITHSCORES')
          if found[1] then
            redis.call('ZADD', unbroadcast, 'XX', now, sequence)
            claimed[#claimed + 1] = found[1]
            claimed[#claimed + 1] = found[2]
          else
            redis.call('ZREM', unbroadcast, sequence)
          end
        end
        return {epoch, last, claimed}
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
