using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Keeps this node alive in Redis presence (heartbeat every <see cref="RedisPresenceOptions.HeartbeatInterval"/>),
/// removes dead nodes (every <see cref="RedisPresenceOptions.ReapInterval"/>), and on shutdown removes this node's
/// own connections so the others need not wait for its heartbeat to expire.
/// </summary>
internal sealed class RedisPresenceHeartbeatService(
    RedisPresenceTracker tracker,
    IOptions<RedisPresenceOptions> options,
    ILogger<RedisPresenceHeartbeatService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await tracker.RemoveNodeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Redis is unreachable: the survivors reap this node once its heartbeat expires.
            RedisPresenceLog.BackgroundTaskFailed(_logger, "goodbye", ex);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RunEveryAsync(options.Value.HeartbeatInterval, "heartbeat", () => tracker.IsRedisConnected, tracker.HeartbeatAsync, stoppingToken),
        RunEveryAsync(options.Value.ReapInterval, "reaping", () => tracker.MayReap, tracker.ReapDeadNodesAsync, stoppingToken));

    private async Task RunEveryAsync(TimeSpan interval, string task, Func<bool> due, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                // While Redis is unreachable the client already reports it; the first heartbeat after it returns re-syncs.
                if (!due())
                {
                    continue;
                }

                try
                {
                    await work(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    RedisPresenceLog.BackgroundTaskFailed(_logger, task, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
