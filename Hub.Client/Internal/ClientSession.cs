using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// The connection and its state that <see cref="ChatClient"/>, <see cref="Live.LiveClient"/> and
/// <see cref="Games.GameClient"/> share: the <see cref="HubConnection"/> (built by <see cref="HubConnectionFactory"/>),
/// the Connecting → Connected → Reconnecting → Disconnected transitions with their <see cref="StateChanged"/> events,
/// and a recovery after every (re)connect before the client counts as Connected. What each client does at those
/// steps (rejoin rooms, resume watches, take seats back) comes in as <see cref="ClientSessionHooks"/>.
/// </summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly ClientStateMachine _state = new();
    private readonly SemaphoreSlim _recovering = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Action<ILogger, ChatConnectionState, int> _logState;
    private readonly ClientSessionHooks _hooks;
    private int _disposed;

    /// <param name="name">The client as messages name it, e.g. "chat client".</param>
    /// <param name="logState">The owning client's own log line for a state change.</param>
    public ClientSession(
        ChatClientOptions options,
        ILoggerFactory loggerFactory,
        ILogger logger,
        string name,
        Action<ILogger, ChatConnectionState, int> logState,
        ClientSessionHooks hooks)
    {
        (_logger, _name, _logState, _hooks) = (logger, name, logState, hooks);
        Events = new EventDispatcher(logger);
        Connection = HubConnectionFactory.Build(options, loggerFactory, OnRetry, () => _lifetime.Token);
        Subscribe();
    }

    /// <summary>Connecting, connected, each reconnect attempt, disconnected; raised on <see cref="Events"/>.</summary>
    public event Action<ChatStateChange>? StateChanged;

    public HubConnection Connection { get; }

    /// <summary>Raises the client's events one at a time, in order.</summary>
    public EventDispatcher Events { get; }

    /// <summary>Cancelled when the client is disposed.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public ChatConnectionState State => _state.State;

    /// <summary>Whether the underlying connection is up now (it may be recovering, not yet <see cref="ChatConnectionState.Connected"/>).</summary>
    public bool IsConnected => Connection.State == HubConnectionState.Connected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _state.BeginStart();
        _hooks.Starting?.Invoke();
        Raise(new ChatStateChange(ChatConnectionState.Connecting));
        try
        {
            await Connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MarkDisconnected(ex);
            throw;
        }

        await RecoverAsync().ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _state.BeginStop();
        _hooks.Stopping?.Invoke();
        await Connection.StopAsync(cancellationToken).ConfigureAwait(false);
        MarkDisconnected(null);
    }

    /// <summary>
    /// A short, growing pause (250 ms doubling to 5 s) before a recovery step the server refused for now; false when the
    /// client was disposed meanwhile. For a refusal while connected: no Reconnected event will come to start over.
    /// </summary>
    public async Task<bool> PauseBeforeRetryAsync(int attempt)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * (1 << Math.Min(attempt, 5)))), _lifetime.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await Events.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void Subscribe()
    {
        Connection.Reconnecting += error =>
        {
            EnterReconnecting(new ChatStateChange(ChatConnectionState.Reconnecting, Error: error), raise: false);
            return Task.CompletedTask;
        };
        Connection.Reconnected += connectionId =>
        {
            // Off HubConnection's own task: recovery makes hub calls and must not hold it up.
            _ = Task.Run(RecoverAsync);
            return Task.CompletedTask;
        };
        Connection.Closed += error =>
        {
            if (Connection.State == HubConnectionState.Disconnected)
            {
                MarkDisconnected(error);
            }

            return Task.CompletedTask;
        };
    }

    private void OnRetry(RetryContext context, TimeSpan delay)
    {
        var attempt = (int)Math.Min(context.PreviousRetryCount + 1, int.MaxValue);
        EnterReconnecting(new ChatStateChange(ChatConnectionState.Reconnecting, attempt, delay, context.RetryReason), raise: true);
    }

    private void EnterReconnecting(ChatStateChange change, bool raise)
    {
        if (_state.EnterReconnecting())
        {
            _hooks.Reconnecting?.Invoke();
        }

        if (raise)
        {
            Raise(change);
        }
    }

    /// <summary>After (re)connecting: the client's recovery, then Connected, one at a time.</summary>
    private async Task RecoverAsync()
    {
        try
        {
            await _recovering.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // disposed meanwhile
        }

        try
        {
            if (_hooks.RecoverAsync is { } recover && !await recover().ConfigureAwait(false))
            {
                return; // lost again; the next Reconnected starts over
            }

            if (_state.TryEnterConnected(() => IsConnected))
            {
                Raise(new ChatStateChange(ChatConnectionState.Connected));
                _hooks.Connected?.Invoke(); // after the state: what resumes now sees Connected
            }
        }
        finally
        {
            _recovering.Release();
        }
    }

    private void MarkDisconnected(Exception? error)
    {
        if (_state.EnterDisconnected() is not { } stopping)
        {
            return;
        }

        _hooks.Disconnected?.Invoke(new InvalidOperationException(
            stopping ? $"The {_name} was stopped." : "The connection closed and was not re-established.", error));
        Raise(new ChatStateChange(ChatConnectionState.Disconnected, Error: error));
    }

    private void Raise(ChatStateChange change)
    {
        _logState(_logger, change.State, change.Attempt);
        Events.Post(() => StateChanged?.Invoke(change));
    }
}
