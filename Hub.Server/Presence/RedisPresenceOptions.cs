namespace RealtimeHub.Server.Presence;

/// <summary>
/// Node liveness for Redis presence, bound from <c>Redis:Presence</c>. A node that stops heart-beating for
/// <see cref="NodeTimeout"/> is considered dead and its connections are removed by the survivors within one
/// <see cref="ReapInterval"/> more (with the defaults: within 20 s, well inside the contract's 60 s).
/// </summary>
public sealed class RedisPresenceOptions
{
    public const string SectionName = "Redis:Presence";

    /// <summary>
    /// This node's id in Redis: letters, digits, <c>_ . -</c>; unique among live nodes. Reusing the id of a crashed node
    /// is fine (its leftovers are cleaned up at once). Default <c>{machine}-{pid}-{random}</c>.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>How often the node refreshes its heartbeat key. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Lifetime of the heartbeat key: a node silent this long is dead. Default 15 s; keep it ≥ 2 × <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each node looks for dead nodes and removes their connections. Default 5 s.</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(5);
}
