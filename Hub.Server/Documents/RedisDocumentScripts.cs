using RealtimeHub.Server.History;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// The Lua scripts of <see cref="RedisDocumentStore"/>. A document's log is a sequenced log (<see cref="RedisSequencedLogScripts"/>):
/// KEYS[1..5] state, updates, client ids, unbroadcast, snapshot, then KEYS[6] the set of its deleted epochs; ARGV[1..4]
/// the arguments every log script takes. An update's member in the updates set is <c>{sequence}\n{userId}\n{bytes}</c>:
/// the sequence keeps identical updates distinct, and user ids hold no control characters.
/// </summary>
internal static class RedisDocumentScripts
{
    /// <summary>
    /// ARGV[5]: the epoch the reader knows, or ''; ARGV[6]: the sequence it holds. Returns false when that epoch was
    /// deleted, else {epoch, last, snapshot sequence, snapshot or false, members with scores}: the updates after the
    /// known sequence when the reader holds this epoch from the snapshot on, else the snapshot and the updates after it.
    /// </summary>
    public static RedisScript Open { get; } = new(RedisSequencedLogScripts.Checks + """
        if ARGV[5] ~= '' and redis.call('SISMEMBER', KEYS[6], ARGV[5]) == 1 then
          return false
        end
        local epoch, last = current_epoch()
        local base = tonumber(redis.call('HGET', state, 'base') or '0')
        local from, snap = base, false
        if ARGV[5] == epoch and tonumber(ARGV[6]) >= base then
          from = tonumber(ARGV[6])
        elseif base > 0 then
          snap = redis.call('GET', snapshot)
        end
        return {epoch, last, base, snap, redis.call('ZRANGEBYSCORE', entries, '(' .. from, '+inf', 'WITHSCORES')}
        """);

    /// <summary>As <see cref="Open"/> from nothing, for the API's GET: false when the document does not exist, and nothing is created.</summary>
    public static RedisScript Get { get; } = new(RedisSequencedLogScripts.Checks + """
        if redis.call('EXISTS', state) == 0 then
          return false
        end
        local epoch, last = current_epoch()
        local base = tonumber(redis.call('HGET', state, 'base') or '0')
        local snap = base > 0 and redis.call('GET', snapshot) or false
        return {epoch, last, base, snap, redis.call('ZRANGEBYSCORE', entries, '(' .. base, '+inf', 'WITHSCORES')}
        """);

    /// <summary>
    /// ARGV[5..11]: userId\nbytes, client-id member or '', the pusher's epoch or '', client ids kept, compact after,
    /// may request a snapshot (1/0), snapshot request interval (ms). Returns {-1} when the pusher's epoch was deleted;
    /// {1, epoch, sequence, request} when stored (listed as not yet broadcast), request = 1 when this pusher is to be
    /// asked for a snapshot (past compact-after, no request younger than the interval); {0, epoch, sequence, claimed,
    /// original member} for a repeated client id, claimed = 1 when the original was listed as unbroadcast for longer
    /// than ARGV[4]: this caller now holds the lease on broadcasting it.
    /// </summary>
    public static RedisScript Append { get; } = new(RedisSequencedLogScripts.Checks + """
        if ARGV[7] ~= '' and redis.call('SISMEMBER', KEYS[6], ARGV[7]) == 1 then
          return {-1}
        end
        local epoch, last = current_epoch()
        local client_id = ARGV[6]
        if client_id ~= '' then
          local existing = redis.call('ZSCORE', client_ids, client_id)
          if existing then
            local listed = redis.call('ZSCORE', unbroadcast, existing)
            if listed and tonumber(listed) <= due_before then
              local original = redis.call('ZRANGEBYSCORE', entries, existing, existing)
              if original[1] then
                redis.call('ZADD', unbroadcast, 'XX', now, existing)
                return {0, epoch, tonumber(existing), 1, original[1]}
              end
            end
            return {0, epoch, tonumber(existing), 0}
          end
        end
        local sequence = redis.call('HINCRBY', state, 'seq', 1)
        if sequence == 1 then
          redis.call('PERSIST', state)
        end
        redis.call('ZADD', entries, sequence, sequence .. '\n' .. ARGV[5])
        redis.call('ZADD', unbroadcast, now, sequence)
        if client_id ~= '' then
          redis.call('ZADD', client_ids, sequence, client_id)
          redis.call('HSET', state, 'cids', 1)
          -- The newest N client ids outlive compaction, so a retry after it is still recognised; never empty once set.
          redis.call('ZREMRANGEBYSCORE', client_ids, '-inf', '(' .. (sequence - tonumber(ARGV[8]) + 1))
        end
        local request = 0
        if ARGV[10] == '1' then
          local fields = redis.call('HMGET', state, 'base', 'snapreq')
          if sequence - tonumber(fields[1] or '0') > tonumber(ARGV[9])
            and (not fields[2] or tonumber(fields[2]) <= now - tonumber(ARGV[11])) then
            redis.call('HSET', state, 'snapreq', now)
            request = 1
          end
        end
        return {1, epoch, sequence, request}
        """);

    /// <summary>
    /// ARGV[5]: up to which sequence. Returns false when there is nothing to replace, else {epoch, snapshot sequence,
    /// snapshot or false, the members after the snapshot up to that sequence}.
    /// </summary>
    public static RedisScript ReadForCompaction { get; } = new(RedisSequencedLogScripts.Prelude + """
        local base = tonumber(redis.call('HGET', state, 'base') or '0')
        local upto = tonumber(ARGV[5])
        if upto <= base or upto > last then
          return false
        end
        local snap = base > 0 and redis.call('GET', snapshot) or false
        return {epoch, base, snap, redis.call('ZRANGEBYSCORE', entries, '(' .. base, upto)}
        """);

    /// <summary>
    /// ARGV[5..8]: the epoch and snapshot sequence the node checked, the new snapshot's sequence, its bytes. Replaces the
    /// snapshot and drops the updates it holds, only if the log is still as checked; returns 1, else 0. Updates still
    /// listed as unbroadcast stay in the set (below the snapshot, where no reader looks) until a survivor has broadcast them.
    /// </summary>
    public static RedisScript ReplaceSnapshot { get; } = new(RedisSequencedLogScripts.Prelude + """
        local base = tonumber(redis.call('HGET', state, 'base') or '0')
        local upto = tonumber(ARGV[7])
        if epoch ~= ARGV[5] or base ~= tonumber(ARGV[6]) or upto <= base or upto > last then
          return 0
        end
        redis.call('SET', snapshot, ARGV[8])
        redis.call('HSET', state, 'base', upto)
        redis.call('HDEL', state, 'snapreq')
        local keep = {}
        for _, listed in ipairs(redis.call('ZRANGE', unbroadcast, 0, -1)) do
          if tonumber(listed) <= upto then
            keep[#keep + 1] = tonumber(listed)
          end
        end
        table.sort(keep)
        local low = '-inf'
        for _, sequence in ipairs(keep) do
          redis.call('ZREMRANGEBYSCORE', entries, low, '(' .. sequence)
          low = '(' .. sequence
        end
        redis.call('ZREMRANGEBYSCORE', entries, low, upto)
        return 1
        """);

    /// <summary>
    /// KEYS: state, updates, client ids, unbroadcast, snapshot, deleted epochs. ARGV[1]: how long (ms) deleted epochs
    /// are remembered. Records the current epoch as deleted and removes everything else.
    /// </summary>
    public static RedisScript Delete { get; } = new("""
        local epoch = redis.call('HGET', KEYS[1], 'epoch')
        if epoch then
          redis.call('SADD', KEYS[6], epoch)
          redis.call('PEXPIRE', KEYS[6], ARGV[1])
        end
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
        return epoch and 1 or 0
        """);
}
