namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Everything a test client has received, in arrival order, with a way to wait until a condition on it holds.
/// Waiting is event-driven: each arrival wakes the waiters; the timeout only bounds a failing test.
/// </summary>
public sealed class EventLog<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _sync = new();
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_sync)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_sync)
        {
            _items.Add(item);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the log, and returns the log at that moment.</summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestTimeouts.Event);
        while (true)
        {
            Task changed;
            IReadOnlyList<T> snapshot;
            lock (_sync)
            {
                snapshot = [.. _items];
                changed = _changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}; received {snapshot.Count} item(s): {string.Join(" | ", snapshot.TakeLast(10))}");
            }
        }
    }

    public Task<IReadOnlyList<T>> WaitForCountAsync(int count, string what, Func<T, bool>? filter = null) =>
        WaitUntilAsync(items => items.Count(filter ?? (_ => true)) >= count, $"{count} × {what}");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
