using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// Starts the Redis connections with the app and waits for their first connect attempt, so a node whose Redis is up
/// starts ready. A Redis that is down does not stop the node: it keeps reconnecting in the background. The
/// connections are closed when the container disposes them, after every other hosted service has stopped.
/// </summary>
internal sealed class RedisClientHostedService(RedisConnection connection, RedisSubscriber subscriber, ILogger<RedisClientHostedService>? logger = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        connection.Start();
        subscriber.Start();
        await Task.WhenAll(connection.FirstAttempt, subscriber.FirstAttempt).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!connection.IsConnected || !subscriber.IsConnected)
        {
            RedisLog.NotReachableAtStartup((ILogger?)logger ?? NullLogger.Instance, connection.Settings.EndPoint);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
