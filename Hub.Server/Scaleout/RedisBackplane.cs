using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>
/// The node's view of the Redis backplane: its two connections (commands and pub/sub, started by the Redis client's
/// hosted service and reconnecting by themselves) and its identity on the backplane.
/// </summary>
public sealed class RedisBackplane : IBackplane
{
    public RedisBackplane(RedisConnection connection, RedisSubscriber subscriber, IOptions<RedisOptions> options, IOptions<NodeOptions> node, HubMetrics metrics)
    {
        Connection = connection;
        Subscriber = subscriber;
        Options = options.Value;
        NodeId = $"{node.Value.Name}:{Guid.NewGuid():N}";
        var everConnected = 0;
        subscriber.Connected += () =>
        {
            // The first connect is not a reconnect.
            if (Interlocked.Exchange(ref everConnected, 1) == 1)
            {
                metrics.BackplaneReconnected();
            }
        };
    }

    public string Mode => "redis";

    public bool IsConnected => Connection.IsConnected && Subscriber.IsConnected;

    public RedisOptions Options { get; }

    /// <summary>Unique per process start, so a restarted node never receives acks or echoes meant for its predecessor.</summary>
    public string NodeId { get; }

    public RedisConnection Connection { get; }

    public RedisSubscriber Subscriber { get; }
}
