using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections.Features;
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
/// A connection counts as gone once both its OnDisconnectedAsync and its HTTP request (the WebSocket's close
/// handshake) have finished: stopping the host earlier could reset the socket before the close message is read.
/// </remarks>
public sealed class ConnectionDrainer(ILogger<ConnectionDrainer> logger)
{
    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _empty = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int Count => _connections.Count;

    public void Track(HubCallerContext connection)
    {
        var tracked = new TrackedConnection(connection);
        _connections[connection.ConnectionId] = tracked;
        if (connection.Features.Get<IHttpContextFeature>()?.HttpContext is { } http)
        {
            http.Response.OnCompleted(static state =>
            {
                var (drainer, tracked) = ((ConnectionDrainer, TrackedConnection))state;
                drainer.Finish(tracked, transport: true);
                return Task.CompletedTask;
            }, (this, tracked));
        }
        else
        {
            tracked.TransportDone = true;
        }

        if (_draining)
        {
            RequestClose(connection); // slipped in while the drain began
        }
    }

    /// <summary>Called once the connection's OnDisconnectedAsync has finished (or OnConnectedAsync has failed).</summary>
    public void Forget(string connectionId)
    {
        if (_connections.TryGetValue(connectionId, out var tracked))
        {
            Finish(tracked, transport: false);
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
        foreach (var tracked in _connections.Values)
        {
            RequestClose(tracked.Connection);
        }

        SignalIfEmpty();
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

    private void Finish(TrackedConnection tracked, bool transport)
    {
        bool gone;
        lock (tracked)
        {
            if (transport)
            {
                tracked.TransportDone = true;
            }
            else
            {
                tracked.HubDone = true;
            }

            gone = tracked.TransportDone && tracked.HubDone;
        }

        if (gone && _connections.TryRemove(new KeyValuePair<string, TrackedConnection>(tracked.Connection.ConnectionId, tracked)))
        {
            SignalIfEmpty();
        }
    }

    private void SignalIfEmpty()
    {
        if (_draining && _connections.IsEmpty)
        {
            _empty.TrySetResult();
        }
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

    private sealed class TrackedConnection(HubCallerContext connection)
    {
        public HubCallerContext Connection { get; } = connection;

        /// <summary>Guarded by locking this instance.</summary>
        public bool HubDone { get; set; }

        public bool TransportDone { get; set; }
    }
}
