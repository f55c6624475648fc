using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>The node's view of the Redis backplane: the shared multiplexer and its identity on the backplane.</summary>
public sealed class RedisBackplane : IBackplane
{
    private bool? _isCluster;

    public RedisBackplane(IConnectionMultiplexer redis, IOptions<RedisOptions> options, IOptions<NodeOptions> node, HubMetrics metrics)
    {
        Redis = redis;
        Options = options.Value;
        NodeId = $"{node.Value.Name}:{Guid.NewGuid():N}";
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                metrics.BackplaneReconnected();
            }
        };
    }

    public string Mode => "redis";

    public bool IsConnected => Redis.IsConnected;

    /// <summary>
    /// Whether Redis is a cluster, known from the first connection on (false until then: nothing can be sent before
    /// it anyway). Every node of one deployment finds the same answer, so they agree on the channels.
    /// </summary>
    public bool IsCluster
    {
        get
        {
            if (_isCluster is { } known)
            {
                return known;
            }

            if (!Redis.IsConnected)
            {
                return false;
            }

            var isCluster = Redis.GetServers().Any(static server => server.ServerType == ServerType.Cluster);
            _isCluster = isCluster;
            return isCluster;
        }
    }

    /// <summary>PING on the interactive link (commands, PUBLISH) and on the subscription link (everything received).</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!Redis.IsConnected)
        {
            return false;
        }

        try
        {
            await Task.WhenAll(Redis.GetDatabase().PingAsync(), Redis.GetSubscriber().PingAsync()).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public RedisOptions Options { get; }

    /// <summary>Unique per process start, so a restarted node never receives acks or echoes meant for its predecessor.</summary>
    public string NodeId { get; }

    public IConnectionMultiplexer Redis { get; }
}
