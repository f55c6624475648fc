namespace RealtimeHub.Client.Live.Internal;

/// <summary>
/// Lets watches wait for the connection: open while connected, shut while connecting or reconnecting, and closed
/// with a reason once the client is stopped or gave up reconnecting (until it is started again).
/// </summary>
internal sealed class ConnectedSignal
{
    private readonly Lock _sync = new();
    private TaskCompletionSource<InvalidOperationException?> _state = Closed(new InvalidOperationException("The live client is not started; call StartAsync first."));

    /// <summary>Connecting or reconnecting: waiters wait.</summary>
    public void Shut()
    {
        lock (_sync)
        {
            if (_state.Task.IsCompleted)
            {
                _state = new TaskCompletionSource<InvalidOperationException?>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_sync)
        {
            if (!_state.TrySetResult(null) && _state.Task.Result is not null)
            {
                _state = new TaskCompletionSource<InvalidOperationException?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _state.SetResult(null);
            }
        }
    }

    public void Close(InvalidOperationException reason)
    {
        lock (_sync)
        {
            if (!_state.TrySetResult(reason))
            {
                _state = Closed(reason);
            }
        }
    }

    /// <exception cref="InvalidOperationException">The client is stopped, or gave up reconnecting.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task<InvalidOperationException?> state;
        lock (_sync)
        {
            state = _state.Task;
        }

        if (await state.WaitAsync(cancellationToken).ConfigureAwait(false) is { } closed)
        {
            throw new InvalidOperationException(closed.Message, closed.InnerException); // a fresh instance per waiter
        }
    }

    private static TaskCompletionSource<InvalidOperationException?> Closed(InvalidOperationException reason)
    {
        var closed = new TaskCompletionSource<InvalidOperationException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        closed.SetResult(reason);
        return closed;
    }
}
