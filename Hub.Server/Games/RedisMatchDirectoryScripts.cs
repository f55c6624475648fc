using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Games;

/// <summary>
/// The Lua scripts of <see cref="RedisMatchDirectory"/>. Each takes ARGV[1] = the kind's directory key (one hash tag,
/// routed by KEYS[1] = its <c>:matches</c> key) and ARGV[2] = this node's id, reads the time from Redis (one clock for
/// every node), and runs atomically. A seat's score is its deadline in ms; a match's score in <c>:matches</c> is its
/// count of seats, kept equal to the size of its seat set by every script that changes one.
/// </summary>
internal static class RedisMatchDirectoryScripts
{
    /// <summary>ARGV[3..8] = player, name, seats per match, new match id, seat ms, lease ms. Returns {match id, 1 when created}.</summary>
    public static RedisScript Find { get; } = Script("""
        local player, name, max, new_id, seat_ms, lease_ms = ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8])
        local held = redis.call('HGET', PLAYERS, player)
        if held then
          local deadline = redis.call('ZSCORE', seats_key(held), player)
          if deadline and tonumber(deadline) >= NOW then
            take_seat(held, player, name, NOW + seat_ms)
            return {held, 0}
          end
          if not free_seat(held, player) then redis.call('HDEL', PLAYERS, player) end
        end
        local open = redis.call('ZREVRANGEBYSCORE', MATCHES, '(' .. max, '-inf', 'LIMIT', 0, 1)
        if open[1] then
          take_seat(open[1], player, name, NOW + seat_ms)
          return {open[1], 0}
        end
        redis.call('HSET', OWNERS, new_id, NODE)
        redis.call('ZADD', LEASES, NOW + lease_ms, new_id)
        take_seat(new_id, player, name, NOW + seat_ms)
        return {new_id, 1}
        """);

    /// <summary>ARGV[3..7] = player, name, match, seats per match, seat ms. Returns {'ok', match left or ''} | {'full'} | {'none'}.</summary>
    public static RedisScript Join { get; } = Script("""
        local player, name, match, max, seat_ms = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
        if not redis.call('ZSCORE', MATCHES, match) then return {'none'} end
        if redis.call('ZSCORE', seats_key(match), player) then
          take_seat(match, player, name, NOW + seat_ms)
          return {'ok', ''}
        end
        if redis.call('ZCARD', seats_key(match)) >= max then return {'full'} end
        local left = redis.call('HGET', PLAYERS, player)
        if not (left and left ~= match and free_seat(left, player)) then left = '' end
        take_seat(match, player, name, NOW + seat_ms)
        return {'ok', left}
        """);

    /// <summary>ARGV[3..4] = player, match. Returns 1 when the player held a seat there.</summary>
    public static RedisScript Leave { get; } = Script("""
        return free_seat(ARGV[4], ARGV[3]) and 1 or 0
        """);

    /// <summary>ARGV[3] = grace ms; ARGV[4..] = match, player pairs: their seats lapse after the grace from now.</summary>
    public static RedisScript Release { get; } = Script("""
        for i = 4, #ARGV, 2 do
          redis.call('ZADD', seats_key(ARGV[i]), 'XX', NOW + tonumber(ARGV[3]), ARGV[i + 1])
        end
        return 1
        """);

    /// <summary>
    /// ARGV[3..5] = seat ms, lease ms, count of connected pairs; then match, player pairs; then the matches this node runs.
    /// Returns {{match, 1, {player, name…}} | {match, 0} for each match run here (0: not this node's any more), {orphan…},
    /// ms until the next lease of a match run elsewhere runs out or -1}, the orphans being matches whose lease ran out
    /// and that this node does not run (its own included, if it lost them).
    /// </summary>
    public static RedisScript Maintain { get; } = Script("""
        local seat_ms, lease_ms, pairs = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
        for i = 6, 5 + 2 * pairs, 2 do
          redis.call('ZADD', seats_key(ARGV[i]), 'XX', 'GT', NOW + seat_ms, ARGV[i + 1])
        end
        local owned, mine = {}, {}
        for i = 6 + 2 * pairs, #ARGV do
          local match = ARGV[i]
          mine[match] = true
          if redis.call('HGET', OWNERS, match) == NODE and redis.call('ZSCORE', MATCHES, match) then
            redis.call('ZADD', LEASES, NOW + lease_ms, match)
            for _, player in ipairs(redis.call('ZRANGEBYSCORE', seats_key(match), '-inf', '(' .. NOW)) do free_seat(match, player) end
            table.insert(owned, {match, 1, holders(match)})
          else
            table.insert(owned, {match, 0})
          end
        end
        local orphans = {}
        for _, match in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', '(' .. NOW, 'LIMIT', 0, 64)) do
          if not mine[match] then table.insert(orphans, match) end
        end
        local soonest = -1
        local next = redis.call('ZRANGEBYSCORE', LEASES, NOW, '+inf', 'WITHSCORES', 'LIMIT', 0, 64)
        for i = 1, #next, 2 do
          if not mine[next[i]] then soonest = tonumber(next[i + 1]) - NOW; break end
        end
        return {owned, orphans, soonest}
        """);

    /// <summary>ARGV[3..4] = match, lease ms. Returns {1, {player, name…}} when this node now runs the match, else {0}.</summary>
    public static RedisScript Adopt { get; } = Script("""
        local match = ARGV[3]
        if not redis.call('ZSCORE', MATCHES, match) then return {0} end
        local deadline = redis.call('ZSCORE', LEASES, match)
        if deadline and tonumber(deadline) >= NOW and redis.call('HGET', OWNERS, match) ~= NODE then return {0} end
        redis.call('HSET', OWNERS, match, NODE)
        redis.call('ZADD', LEASES, NOW + tonumber(ARGV[4]), match)
        return {1, holders(match)}
        """);

    /// <summary>ARGV[3..5] = match, seat ms, lease ms; ARGV[6..] = its seated players' id, name pairs. Returns 1.</summary>
    public static RedisScript Register { get; } = Script("""
        local match, seat_ms = ARGV[3], tonumber(ARGV[4])
        redis.call('HSET', OWNERS, match, NODE)
        redis.call('ZADD', LEASES, NOW + tonumber(ARGV[5]), match)
        for i = 6, #ARGV, 2 do
          local held = redis.call('HGET', PLAYERS, ARGV[i])
          if not held or held == match then take_seat(match, ARGV[i], ARGV[i + 1], NOW + seat_ms) end
        end
        redis.call('ZADD', MATCHES, redis.call('ZCARD', seats_key(match)), match)
        return 1
        """);

    /// <summary>ARGV[3..4] = match, 1 to free every seat. Returns 1 when the match is gone.</summary>
    public static RedisScript End { get; } = Script("""
        local match = ARGV[3]
        if not redis.call('ZSCORE', MATCHES, match) then return 1 end
        if redis.call('HGET', OWNERS, match) ~= NODE then return 0 end
        if ARGV[4] ~= '1' and redis.call('ZCARD', seats_key(match)) > 0 then return 0 end
        for _, player in ipairs(redis.call('ZRANGE', seats_key(match), 0, -1)) do
          if redis.call('HGET', PLAYERS, player) == match then
            redis.call('HDEL', PLAYERS, player)
            redis.call('HDEL', NAMES, player)
          end
        end
        redis.call('DEL', seats_key(match))
        redis.call('ZREM', MATCHES, match)
        redis.call('ZREM', LEASES, match)
        redis.call('HDEL', OWNERS, match)
        return 1
        """);

    /// <summary>ARGV[3] = match. Ends this node's lease on it now, so the next node to look takes it over.</summary>
    public static RedisScript HandOff { get; } = Script("""
        if redis.call('HGET', OWNERS, ARGV[3]) == NODE then redis.call('ZADD', LEASES, 'XX', 0, ARGV[3]) end
        return 1
        """);

    private const string Preamble = """
        local D, NODE = ARGV[1], ARGV[2]
        local MATCHES, LEASES, OWNERS, PLAYERS, NAMES = D .. ':matches', D .. ':leases', D .. ':owners', D .. ':players', D .. ':names'
        local time = redis.call('TIME')
        local NOW = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local function seats_key(match) return D .. ':seats:' .. match end

        local function recount(match)
          redis.call('ZADD', MATCHES, redis.call('ZCARD', seats_key(match)), match)
        end

        local function take_seat(match, player, name, deadline)
          redis.call('ZADD', seats_key(match), deadline, player)
          redis.call('HSET', PLAYERS, player, match)
          redis.call('HSET', NAMES, player, name)
          recount(match)
        end

        -- {player, name…} of the match's seats.
        local function holders(match)
          local list = {}
          for _, player in ipairs(redis.call('ZRANGE', seats_key(match), 0, -1)) do
            table.insert(list, player); table.insert(list, redis.call('HGET', NAMES, player) or player)
          end
          return list
        end

        -- Returns true when the player held a seat in the match.
        local function free_seat(match, player)
          if redis.call('ZREM', seats_key(match), player) == 0 then return false end
          if redis.call('HGET', PLAYERS, player) == match then
            redis.call('HDEL', PLAYERS, player)
            redis.call('HDEL', NAMES, player)
          end
          if redis.call('ZSCORE', MATCHES, match) then recount(match) end
          return true
        end

        """;

    private static RedisScript Script(string body) => new(Preamble + body);
}
