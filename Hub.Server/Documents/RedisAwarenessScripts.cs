using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// The Lua scripts of <see cref="RedisAwarenessStore"/>. KEYS[1]: a document's awareness hash, field = client id,
/// value = <c>{node}\n{connectionId}\n{userId}\n{clock}\n{state JSON}</c> (node and connection ids and user ids hold no line breaks).
/// </summary>
internal static class RedisAwarenessScripts
{
    private const string Owner = """
        local function owner_of(value)
          return string.match(value, '^([^\n]*)\n([^\n]*)\n([^\n]*)\n(%d+)\n')
        end

        """;

    /// <summary>
    /// ARGV[1..3]: node, connection, user; then per entry client id, clock, state ('null' forgets the client). Returns
    /// the 0-based indexes of the entries accepted: not a client id another user holds, not older than the clock recorded.
    /// </summary>
    public static RedisScript Apply { get; } = new(Owner + """
        local accepted = {}
        for i = 4, #ARGV, 3 do
          local clock = tonumber(ARGV[i + 1])
          local current = redis.call('HGET', KEYS[1], ARGV[i])
          local ok = true
          if current then
            local node, conn, user, current_clock = owner_of(current)
            ok = user == ARGV[3] and not (node == ARGV[1] and conn == ARGV[2] and clock < tonumber(current_clock))
          end
          if ok then
            if ARGV[i + 2] == 'null' then
              redis.call('HDEL', KEYS[1], ARGV[i])
            else
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[1] .. '\n' .. ARGV[2] .. '\n' .. ARGV[3] .. '\n' .. ARGV[i + 1] .. '\n' .. ARGV[i + 2])
            end
            accepted[#accepted + 1] = (i - 4) / 3
          end
        end
        return accepted
        """);

    /// <summary>
    /// ARGV[1]: node; ARGV[2]: connection, or '' for every connection of the node. Forgets their entries and returns
    /// {client id, clock}… of each, for the removals to relay.
    /// </summary>
    public static RedisScript Remove { get; } = new(Owner + """
        local removed = {}
        local all = redis.call('HGETALL', KEYS[1])
        for i = 1, #all, 2 do
          local node, conn, _, clock = owner_of(all[i + 1])
          if node == ARGV[1] and (ARGV[2] == '' or conn == ARGV[2]) then
            redis.call('HDEL', KEYS[1], all[i])
            removed[#removed + 1] = all[i]
            removed[#removed + 1] = clock
          end
        end
        return removed
        """);
}
