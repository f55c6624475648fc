using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// Connects the multiplexer when the app starts (so a node whose Redis is up starts ready) and logs its connection
/// events. A Redis that is down does not stop the node: StackExchange.Redis keeps reconnecting in the background.
/// The multiplexer is closed when the container disposes it, after every other hosted service has stopped.
/// </summary>
internal sealed class RedisConnectionMonitor(IConnectionMultiplexer redis, ILogger<RedisConnectionMonitor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endPoints = string.Join(",", redis.GetEndPoints().Select(e => e.ToString()));
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        if (redis.IsConnected)
        {
            RedisLog.Connected(logger, endPoints);
        }
        else
        {
            RedisLog.NotReachableAtStartup(logger, endPoints);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        RedisLog.ConnectionFailed(logger, e.ConnectionType.ToString(), e.EndPoint?.ToString(), e.FailureType.ToString(), e.Exception);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        RedisLog.ConnectionRestored(logger, e.ConnectionType.ToString(), e.EndPoint?.ToString());
}
