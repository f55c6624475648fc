namespace RealtimeHub.Client.Internal;

/// <summary>The state of a client's <see cref="ClientSession"/> and its transitions, each decided under one lock.</summary>
internal sealed class ClientStateMachine
{
    private readonly Lock _sync = new();
    private ChatConnectionState _state = ChatConnectionState.Disconnected;
    private bool _stopping;

    public ChatConnectionState State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    /// <summary>Disconnected → Connecting; throws from any other state.</summary>
    public void BeginStart()
    {
        lock (_sync)
        {
            if (_state != ChatConnectionState.Disconnected)
            {
                throw new InvalidOperationException($"The client is already {_state}.");
            }

            _state = ChatConnectionState.Connecting;
            _stopping = false;
        }
    }

    public void BeginStop()
    {
        lock (_sync)
        {
            _stopping = true;
        }
    }

    /// <returns>True when this call entered Reconnecting (it was in another state).</returns>
    public bool EnterReconnecting()
    {
        lock (_sync)
        {
            var entered = _state != ChatConnectionState.Reconnecting;
            _state = ChatConnectionState.Reconnecting;
            return entered;
        }
    }

    /// <returns>True when Connected was entered; false when the connection is gone again or the client was stopped.</returns>
    public bool TryEnterConnected(Func<bool> stillConnected)
    {
        lock (_sync)
        {
            if (_state == ChatConnectionState.Disconnected || !stillConnected())
            {
                return false;
            }

            _state = ChatConnectionState.Connected;
            return true;
        }
    }

    /// <returns>Null when already Disconnected; otherwise whether the disconnect was asked for by StopAsync.</returns>
    public bool? EnterDisconnected()
    {
        lock (_sync)
        {
            if (_state == ChatConnectionState.Disconnected)
            {
                return null;
            }

            _state = ChatConnectionState.Disconnected;
            return _stopping;
        }
    }
}
