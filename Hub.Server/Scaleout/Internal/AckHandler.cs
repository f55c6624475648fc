using System.Collections.Concurrent;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>Pending cross-node requests, each completed by an ack or failed by its timeout.</summary>
internal sealed class AckHandler
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _pending = new();
    private int _nextId;

    public (int Id, Task Acked) Create(TimeSpan timeout, string what)
    {
        var id = Interlocked.Increment(ref _nextId);
        var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = ack;
        return (id, WaitAsync(id, ack.Task, timeout, what));
    }

    public void Complete(int id)
    {
        if (_pending.TryRemove(id, out var ack))
        {
            ack.TrySetResult();
        }
    }

    private async Task WaitAsync(int id, Task acked, TimeSpan timeout, string what)
    {
        try
        {
            await acked.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No node acknowledged {what} within {timeout.TotalMilliseconds} ms: the connection may be gone.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }
}
