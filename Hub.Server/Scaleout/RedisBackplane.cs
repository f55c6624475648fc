using Microsoft.Extensions.Options;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>
/// The node's two Redis connections (commands and pub/sub) and its identity on the backplane. Connecting happens in
/// the background with retries, so a node starts, and stays up, while Redis is unreachable; it is simply not ready.
/// </summary>
public sealed class RedisBackplane : IBackplane, IAsyncDisposable
{
    public RedisBackplane(IOptions<RedisOptions> options, IOptions<NodeOptions> node, HubMetrics metrics, ILoggerFactory loggerFactory)
    {
        Options = options.Value;
        NodeId = $"{node.Value.Name}:{Guid.NewGuid():N}";
        var settings = RedisConnectionSettings.Parse(Options.Configuration!) with { ClientName = $"realtimehub:{node.Value.Name}" };
        Connection = new RedisConnection(settings, loggerFactory);
        Subscriber = new RedisSubscriber(settings, loggerFactory);
        var everConnected = 0;
        Subscriber.Connected += () =>
        {
            // The first connect is not a reconnect.
            if (Interlocked.Exchange(ref everConnected, 1) == 1)
            {
                metrics.BackplaneReconnected();
            }
        };
        Connection.Start();
        Subscriber.Start();
    }

    public string Mode => "redis";

    public bool IsConnected => Connection.IsConnected && Subscriber.IsConnected;

    public RedisOptions Options { get; }

    /// <summary>Unique per process start, so a restarted node never receives acks or echoes meant for its predecessor.</summary>
    public string NodeId { get; }

    public RedisConnection Connection { get; }

    public RedisSubscriber Subscriber { get; }

    public async ValueTask DisposeAsync()
    {
        await Subscriber.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
