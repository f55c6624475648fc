using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Client.Internal;

/// <summary>One hub invocation returning <typeparamref name="T"/>, with the task its caller awaits.</summary>
internal sealed class PendingSend<T> : IPendingSend
{
    private readonly Func<HubConnection, Task<T>> _invoke;
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    public PendingSend(Func<HubConnection, Task<T>> invoke, CancellationToken cancellationToken)
    {
        _invoke = invoke;
        if (cancellationToken.CanBeCanceled)
        {
            // The caller stops waiting; the flush skips it unless it is already on the wire.
            cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource<T>)state!).TrySetCanceled(token), _result);
        }
    }

    public Task<T> Result => _result.Task;

    public bool IsCompleted => _result.Task.IsCompleted;

    public int Attempts => Volatile.Read(ref _attempts);

    public async Task SendAsync(HubConnection connection)
    {
        Interlocked.Increment(ref _attempts);
        var result = await _invoke(connection).ConfigureAwait(false);
        _result.TrySetResult(result);
    }

    public void Fail(Exception error) => _result.TrySetException(error);
}
