using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Shutdown;

/// <summary>
/// Knows this node's hub connections and, once draining, closes each with a SignalR close message that carries
/// <c>allowReconnect: true</c>, so the JS and .NET clients reconnect (through the balancer, to another node).
/// </summary>
/// <remarks>
/// The close goes through <see cref="IConnectionLifetimeNotificationFeature.RequestClose"/>, the path ASP.NET Core
/// itself uses for a graceful close: the hub stops reading, sends the close message, then runs OnDisconnectedAsync,
/// which leaves presence. <see cref="HubCallerContext.Abort"/> would send <c>allowReconnect: false</c> instead.
/// </remarks>
public sealed class ConnectionDrainer(ILogger<ConnectionDrainer> logger)
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _empty = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int Count => _connections.Count;

    public void Track(HubCallerContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        if (_draining)
        {
            RequestClose(connection); // slipped in while the drain began
        }
    }

    /// <summary>Called once the connection's OnDisconnectedAsync has finished.</summary>
    public void Forget(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _) && _draining && _connections.IsEmpty)
        {
            _empty.TrySetResult();
        }
    }

    /// <summary>
    /// Refuses new connections from now on, asks every connection to reconnect elsewhere, and waits until all have
    /// closed and left presence, or <paramref name="timeout"/> passes. True when every connection left in time.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _draining = true;
        var started = Stopwatch.GetTimestamp();
        ShutdownLog.Draining(logger, _connections.Count);
        foreach (var connection in _connections.Values)
        {
            RequestClose(connection);
        }

        if (_connections.IsEmpty)
        {
            _empty.TrySetResult();
        }

        var drained = await _empty.Task.WaitAsync(timeout).ContinueWith(static t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (drained)
        {
            ShutdownLog.Drained(logger, elapsed);
        }
        else
        {
            ShutdownLog.DrainTimedOut(logger, elapsed, _connections.Count);
        }

        return drained;
    }

    private void RequestClose(HubCallerContext connection)
    {
        if (connection.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
        {
            lifetime.RequestClose();
            return;
        }

        ShutdownLog.CannotRequestClose(logger, connection.ConnectionId);
        connection.Abort();
    }
}
