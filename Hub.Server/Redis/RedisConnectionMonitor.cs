using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// Connects the multiplexer when the app starts (so a node whose Redis is up starts ready) and logs its connection
/// events. A Redis that is down does not stop the node: StackExchange.Redis keeps reconnecting in the background.
/// The multiplexer is closed when the container disposes it, after every other hosted service has stopped.
/// On every (re)connect it checks <c>maxmemory-policy</c>: a Redis that may evict keys loses history and presence
/// under memory pressure, which epochs detect but cannot undo.
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
            _ = CheckMemoryPolicyAsync();
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

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        RedisLog.ConnectionRestored(logger, e.ConnectionType.ToString(), e.EndPoint?.ToString());
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            _ = CheckMemoryPolicyAsync(); // possibly a different server now (restarted, failed over)
        }
    }

    /// <summary>Warns about any policy but <c>noeviction</c>, read from <c>INFO memory</c> (CONFIG needs admin rights). Never throws; returns the policy read.</summary>
    internal async Task<string?> CheckMemoryPolicyAsync()
    {
        string? found = null;
        foreach (var server in redis.GetServers().Where(static s => s.IsConnected && !s.IsReplica))
        {
            try
            {
                // INFO through a script: StackExchange.Redis allows INFO itself only in admin mode, which the hub does not need.
                var info = (string?)await server.ExecuteAsync("EVAL", "return redis.call('INFO', 'memory')", 0).ConfigureAwait(false) ?? string.Empty;
                var policy = info.Split('\n').Select(static line => line.Trim()).FirstOrDefault(static line => line.StartsWith("maxmemory_policy:", StringComparison.Ordinal))?["maxmemory_policy:".Length..];
                if (policy is not null && policy != "noeviction")
                {
                    RedisLog.EvictingMemoryPolicy(logger, server.EndPoint.ToString() ?? "?", policy);
                }

                found ??= policy; // every primary of a cluster is checked; the first answer is returned
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RedisLog.MemoryPolicyUnknown(logger, server.EndPoint.ToString() ?? "?", ex.Message);
            }
        }

        return found;
    }
}
