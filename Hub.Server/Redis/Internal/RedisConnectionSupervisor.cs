using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Server.Redis.Internal;

/// <summary>
/// Keeps one logical connection alive: connects, runs the owner's setup on the fresh transport (scripts, re-subscribe),
/// publishes it, pings it, and when it dies reconnects with capped exponential backoff. Shared by
/// <see cref="RedisConnection"/> and <see cref="RedisSubscriber"/>.
/// </summary>
internal sealed class RedisConnectionSupervisor : IAsyncDisposable
{
    // A connection that dies sooner than this does not reset the backoff, so a server that accepts and then drops us
    // at once is not hammered in a tight loop.
    private static readonly TimeSpan StableConnection = TimeSpan.FromSeconds(1);

    private readonly RedisConnectionSettings _settings;
    private readonly string _role;
    private readonly Func<RedisReply, bool>? _tryHandlePush;
    private readonly Func<RedisTransport, CancellationToken, Task>? _onConnecting;
    private readonly Action? _onDisconnected;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private volatile TaskCompletionSource _connectedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RedisTransport? _current;
    private Task? _loop;

    public RedisConnectionSupervisor(
        RedisConnectionSettings settings,
        string role,
        ILogger logger,
        Func<RedisReply, bool>? tryHandlePush = null,
        Func<RedisTransport, CancellationToken, Task>? onConnecting = null,
        Action? onDisconnected = null)
    {
        _settings = settings;
        _role = role;
        _logger = logger;
        _tryHandlePush = tryHandlePush;
        _onConnecting = onConnecting;
        _onDisconnected = onDisconnected;
    }

    public event Action? Connected;

    public event Action<Exception>? Disconnected;

    /// <summary>Raised after each failed connect attempt (used by ConnectAsync to fail on the first one).</summary>
    public event Action<Exception>? AttemptFailed;

    /// <summary>The live transport, or null while disconnected.</summary>
    public RedisTransport? Current => _current;

    public bool IsConnected => _current is not null;

    /// <summary>Completes after the first connect attempt, whether it succeeded or not.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public void Start()
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _loop ??= Task.Run(RunAsync);
        }
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connectedSignal.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_startLock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var backoff = new ReconnectBackoff(_settings.ReconnectBaseDelay, _settings.ReconnectMaxDelay);
        var attempt = 0;
        while (!_stopping.IsCancellationRequested)
        {
            RedisTransport transport;
            try
            {
                RedisLog.Connecting(_logger, _role, _settings.EndPoint);
                transport = await ConnectOnceAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                _firstAttempt.TrySetResult();
                break;
            }
            catch (Exception ex)
            {
                var delay = backoff.Next();
                RedisLog.ConnectFailed(_logger, _role, _settings.EndPoint, ++attempt, (long)delay.TotalMilliseconds, ex);
                Raise(AttemptFailed, ex, nameof(AttemptFailed));
                _firstAttempt.TrySetResult();
                if (!await DelayAsync(delay).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            attempt = 0;
            var connectedAt = Stopwatch.GetTimestamp();
            var reason = await RunConnectedAsync(transport).ConfigureAwait(false);
            if (_stopping.IsCancellationRequested)
            {
                break;
            }

            RedisLog.Disconnected(_logger, _role, _settings.EndPoint, reason);
            Raise(Disconnected, reason, nameof(Disconnected));
            if (Stopwatch.GetElapsedTime(connectedAt) >= StableConnection)
            {
                backoff.Reset();
            }
            else if (!await DelayAsync(backoff.Next()).ConfigureAwait(false))
            {
                break;
            }
        }
    }

    private async Task<RedisTransport> ConnectOnceAsync()
    {
        var transport = await RedisTransport.ConnectAsync(_settings, _tryHandlePush, _stopping.Token).ConfigureAwait(false);
        if (_onConnecting is null)
        {
            return transport;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_settings.ConnectTimeout);
            await _onConnecting(transport, timeout.Token).ConfigureAwait(false);
            return transport;
        }
        catch (Exception ex)
        {
            transport.Abort(ex);
            await transport.Closed.ConfigureAwait(false);
            _onDisconnected?.Invoke();
            throw;
        }
    }

    private async Task<Exception> RunConnectedAsync(RedisTransport transport)
    {
        using var stop = _stopping.Token.Register(
            static state => ((RedisTransport)state!).Abort(new RedisConnectionException("The Redis connection was closed.")), transport);
        _current = transport;
        _connectedSignal.TrySetResult();
        _firstAttempt.TrySetResult();
        RedisLog.Connected(_logger, _role, _settings.EndPoint);
        Raise(Connected, nameof(Connected));

        var keepAlive = KeepAliveAsync(transport);
        var reason = await transport.Closed.ConfigureAwait(false);
        _current = null;
        _connectedSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _onDisconnected?.Invoke();
        await keepAlive.ConfigureAwait(false);
        return reason;
    }

    private async Task KeepAliveAsync(RedisTransport transport)
    {
        using var timer = new PeriodicTimer(_settings.KeepAlive);
        try
        {
            while (await timer.WaitForNextTickAsync(transport.Aborted).ConfigureAwait(false))
            {
                var ping = transport.Send("PING", []);
                try
                {
                    await ping.Task.WaitAsync(_settings.CommandTimeout, transport.Aborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    RedisLog.KeepAliveTimedOut(_logger, _role, _settings.EndPoint, (long)_settings.CommandTimeout.TotalMilliseconds);
                    transport.Abort(new RedisConnectionException($"Redis at {_settings.EndPoint} did not answer PING within {_settings.CommandTimeout.TotalMilliseconds} ms."));
                }
                catch (RedisServerException)
                {
                    // LOADING, BUSY …: the server is alive, just not ready.
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RedisConnectionException)
        {
            // The connection died; the supervisor loop handles it.
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Raise(Action? handlers, string name)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                RedisLog.EventHandlerFailed(_logger, name, ex);
            }
        }
    }

    private void Raise(Action<Exception>? handlers, Exception reason, string name)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action<Exception>>() ?? [])
        {
            try
            {
                handler(reason);
            }
            catch (Exception ex)
            {
                RedisLog.EventHandlerFailed(_logger, name, ex);
            }
        }
    }
}
