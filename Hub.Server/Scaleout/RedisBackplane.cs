using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>The node's view of the Redis backplane: the shared multiplexer and its identity on the backplane.</summary>
public sealed class RedisBackplane : IBackplane
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _probes = new(StringComparer.Ordinal);
    private readonly Lock _probeLock = new();
    private readonly RedisChannel _probeChannel;
    private Task? _probeSubscription;
    private bool? _isCluster;

    public RedisBackplane(IConnectionMultiplexer redis, IOptions<RedisOptions> options, IOptions<NodeOptions> node, HubMetrics metrics)
    {
        Redis = redis;
        Options = options.Value;
        NodeId = $"{node.Value.Name}:{Guid.NewGuid():N}";
        _probeChannel = RedisChannel.Literal($"{Options.ChannelPrefix}:ready:{NodeId}");
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

    /// <summary>
    /// PING on the interactive link (commands) and a PUBLISH this node must hear back on its subscription link. A PING
    /// on that link is not enough: after the link broke, one sent while the client restores its subscriptions may be
    /// answered ahead of them, and the node would say it is ready while it still misses what others publish.
    /// </summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!Redis.IsConnected)
        {
            return false;
        }

        var token = Guid.NewGuid().ToString("N");
        var heard = _probes[token] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await SubscribeProbeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(Redis.GetDatabase().PingAsync(), Redis.GetSubscriber().PublishAsync(_probeChannel, token)).WaitAsync(cancellationToken).ConfigureAwait(false);
            await heard.Task.WaitAsync(Options.AckTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(token, out _);
        }
    }

    /// <summary>Subscribes to this node's probe channel once (again after a failed attempt); the client restores it after a reconnect.</summary>
    private Task SubscribeProbeAsync()
    {
        lock (_probeLock)
        {
            if (_probeSubscription is null || _probeSubscription.IsFaulted || _probeSubscription.IsCanceled)
            {
                _probeSubscription = Redis.GetSubscriber().SubscribeAsync(_probeChannel, (_, value) =>
                {
                    if (_probes.TryRemove((string?)value ?? string.Empty, out var probe))
                    {
                        probe.TrySetResult();
                    }
                });
            }

            return _probeSubscription;
        }
    }

    public RedisOptions Options { get; }

    /// <summary>
    /// A channel of one resource (a feed, a match, a kind's access notices): sharded on a Redis Cluster
    /// (<c>SPUBLISH</c>/<c>SSUBSCRIBE</c>: it stays on one shard, and <c>SPUBLISH</c> counts every subscriber), classic elsewhere.
    /// </summary>
    public static RedisChannel ResourceChannel(string name, bool sharded) => sharded ? RedisChannel.Sharded(name) : RedisChannel.Literal(name);

    /// <inheritdoc cref="ResourceChannel(string, bool)"/>
    public RedisChannel ResourceChannel(string name) => ResourceChannel(name, IsCluster);

    /// <summary>Unique per process start, so a restarted node never receives acks or echoes meant for its predecessor.</summary>
    public string NodeId { get; }

    public IConnectionMultiplexer Redis { get; }
}
