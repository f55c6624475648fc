using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Live;

/// <summary>
/// The Lua of <see cref="RedisFeedStore"/>. A feed is one hash, <c>{prefix}:feed:{feed}:values</c>: field = key,
/// value = <c>version|publishedAtMs|json</c> (json empty once removed), and the field <c>#epoch</c> (no key can
/// contain <c>#</c>) naming the feed's versions. Keeping the epoch inside the data it names means whatever loses the
/// data (a restart without persistence, a flush, an eviction) loses the epoch with it: the next publish starts a new
/// one, and versions start again at 1 in it.
/// </summary>
internal static class RedisFeedScripts
{
    public const string EpochField = "#epoch";

    /// <summary>
    /// ARGV: [1] a random suffix for a new epoch, [2] publishedAt (ms), [3] the feed's channel, [4] 1 to SPUBLISH (Redis
    /// Cluster) else PUBLISH, [5..] key, json pairs (json empty: remove; keys distinct). Applies every pair, publishes
    /// one message with what it applied (see <see cref="RedisFeedMessage"/>) on the feed's channel, which shares the
    /// hash tag of the feed's key, and returns { epoch, version, version, … }. Publishing inside the script means a
    /// node that dies right after applying cannot leave the other nodes without the update: they hear it or it never happened.
    /// </summary>
    public static RedisScript Publish { get; } = new($$"""
        local values = KEYS[1]
        local epoch = redis.call('HGET', values, '{{EpochField}}')
        if not epoch then
          local clock = redis.call('TIME')
          epoch = string.format('%012x', tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)) .. ARGV[1]
          redis.call('HSET', values, '{{EpochField}}', epoch)
        end
        local at = ARGV[2]
        local reply = {epoch}
        local message = {epoch, '\n', at, '\n'}
        for i = 5, #ARGV, 2 do
          local key, json = ARGV[i], ARGV[i + 1]
          local previous = redis.call('HGET', values, key)
          local version = 1
          if previous then
            version = tonumber(string.match(previous, '^(%d+)|')) + 1
          end
          redis.call('HSET', values, key, version .. '|' .. at .. '|' .. json)
          reply[#reply + 1] = version
          message[#message + 1] = key .. '\n' .. version .. '\n' .. #json .. '\n'
          message[#message + 1] = json
        end
        if ARGV[4] == '1' then
          redis.call('SPUBLISH', ARGV[3], table.concat(message))
        else
          redis.call('PUBLISH', ARGV[3], table.concat(message))
        end
        return reply
        """);
}
