using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.History;

/// <summary>
/// What every sequenced log in Redis shares (a room's messages, a document's updates): the check that its keys still
/// belong together, the start of a new epoch when they do not, and the lease on entries stored but never confirmed
/// broadcast. Each kind's scripts begin with <see cref="Prelude"/> (or <see cref="Checks"/>) and take the same keys and
/// first four arguments, passed by <see cref="RedisSequencedLogs"/>:
/// KEYS: state (hash), entries (sorted set, score = sequence), client ids, unbroadcast, and for a log that is compacted,
/// its snapshot; all under one hash tag. ARGV[1..4]: a random suffix for a new epoch, the epoch and sequence this node
/// last saw in the log, and how long (ms) an unbroadcast entry belongs to the node that stored it.
/// Times come from Redis's clock, so nodes' clocks never have to agree.
/// </summary>
internal static class RedisSequencedLogScripts
{
    /// <summary>
    /// Finds the log's epoch and last sequence, starting a new epoch when the log was lost: the state hash gone (Redis
    /// emptied, or the hash evicted), the entries gone while the counter says some follow the snapshot (<c>base</c>, the
    /// sequence the snapshot holds; 0 for a log never compacted), the snapshot gone while <c>base</c> says there is one,
    /// the client ids gone while the state says there are some (<c>cids</c>), or a counter behind what this node already
    /// saw in the same epoch (a failover to a replica that had not received the latest writes). A new epoch drops
    /// whatever is left. Its id starts with Redis's own clock in hex ms, so a log's epochs sort by age whatever the
    /// nodes' clocks say. The state of a log nobody has written to yet expires after a day, so reading made-up names
    /// leaves nothing behind.
    /// </summary>
    public const string Checks = """
        local state, entries, client_ids, unbroadcast, snapshot = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local due_before = now - tonumber(ARGV[4])
        local function current_epoch()
          local fields = redis.call('HMGET', state, 'epoch', 'seq', 'cids', 'base')
          local epoch, seq, base = fields[1], tonumber(fields[2] or '0'), tonumber(fields[4] or '0')
          if epoch
            and (seq == base or redis.call('EXISTS', entries) == 1)
            and (base == 0 or redis.call('EXISTS', snapshot) == 1)
            and (not fields[3] or redis.call('EXISTS', client_ids) == 1)
            and not (epoch == ARGV[2] and seq < tonumber(ARGV[3])) then
            return epoch, seq
          end
          local fresh = string.format('%012x', now) .. ARGV[1]
          redis.call('DEL', state, entries, client_ids, unbroadcast)
          if snapshot then
            redis.call('DEL', snapshot)
          end
          redis.call('HSET', state, 'epoch', fresh, 'seq', 0)
          redis.call('PEXPIRE', state, 86400000)
          return fresh, 0
        end

        """;

    /// <summary><see cref="Checks"/>, run first thing: what every script but the sweeper's needs.</summary>
    public const string Prelude = Checks + """
        local epoch, last = current_epoch()

        """;

    /// <summary>
    /// ARGV[5]: at most how many. Takes a lease on entries listed as unbroadcast for longer than ARGV[4] (their node died
    /// between storing and publishing, or its broadcast failed): their listing is stamped with now, so no other node takes
    /// them before that time has passed again, and only a confirmed broadcast removes it. Listings whose entry is gone
    /// (trimmed away) are dropped. Returns {epoch, last sequence, entries with scores}, or nil when nothing is due,
    /// without touching the log's state (so sweeping an idle log costs one lookup).
    /// </summary>
    public static RedisScript ClaimUnbroadcast { get; } = new(Checks + """
        -- Every node runs this for each of its logs every few seconds: when nothing is due, answer before the checks.
        local due = redis.call('ZRANGEBYSCORE', unbroadcast, '-inf', due_before, 'LIMIT', 0, tonumber(ARGV[5]))
        if #due == 0 then
          return false
        end
        local epoch, last = current_epoch()
        local claimed = {}
        for _, sequence in ipairs(due) do
          local found = redis.call('ZRANGEBYSCORE', entries, sequence, sequence, 'WITHSCORES')
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
}
