using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// The Redis channels of one hub under the configured prefix. Names are used literally (SUBSCRIBE, never PSUBSCRIBE),
/// so a group called <c>*</c> or <c>a?b</c> is just a name. On a Redis Cluster the group, user and connection channels
/// are sharded (SPUBLISH/SSUBSCRIBE), tagged with their name so that a room's messages go to the shard that owns the
/// room's keys, and only the nodes subscribed there hear them; a classic PUBLISH would be copied to every shard.
/// The node-wide channels stay classic: every node listens to them anyway.
/// </summary>
internal sealed class BackplaneChannels(string prefix, string hubName, Func<bool> sharded)
{
    private readonly string _root = $"{prefix}:bp:{hubName}";

    public RedisChannel All => RedisChannel.Literal($"{_root}:all");

    public RedisChannel GroupManagement => RedisChannel.Literal($"{_root}:internal:groups");

    public RedisChannel Group(string groupName) => PerName("group", groupName);

    public RedisChannel User(string userId) => PerName("user", userId);

    public RedisChannel Connection(string connectionId) => PerName("conn", connectionId);

    public RedisChannel Ack(string nodeId) => RedisChannel.Literal($"{_root}:internal:ack:{nodeId}");

    /// <summary>Where client results for invocations made by <paramref name="nodeId"/> are sent.</summary>
    public RedisChannel Results(string nodeId) => RedisChannel.Literal($"{_root}:internal:results:{nodeId}");

    private RedisChannel PerName(string kind, string name)
    {
        if (!sharded())
        {
            return RedisChannel.Literal($"{_root}:{kind}:{name}");
        }

        // A name with braces of its own cannot be a tag; it is then hashed whole, which still spreads channels.
        return RedisChannel.Sharded(name.AsSpan().IndexOfAny('{', '}') >= 0 ? $"{_root}:{kind}:{name}" : $"{_root}:{kind}:{{{name}}}");
    }
}
