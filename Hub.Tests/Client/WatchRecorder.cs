using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>Reads a watch on a background task, recording every item and how the enumeration ended.</summary>
internal sealed class WatchRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public WatchRecorder(Func<CancellationToken, IAsyncEnumerable<FeedBatch>> watch) => _reading = Task.Run(() => ReadAsync(watch(_stop.Token)));

    public EventLog<FeedBatch> Items { get; } = new();

    /// <summary>Completes when the enumeration ends; faults with the exception it ended with.</summary>
    public Task Ended => _reading;

    /// <summary>Waits for the <paramref name="number"/>-th item (from 1).</summary>
    public async Task<FeedBatch> ItemAsync(int number, TimeSpan? timeout = null) =>
        (await Items.WaitUntilAsync(items => items.Count >= number, $"watch item #{number}", timeout))[number - 1];

    /// <summary>Waits until the watch holds <paramref name="key"/> at <paramref name="version"/> or later.</summary>
    public Task<IReadOnlyList<FeedBatch>> HasAsync(string key, long version, TimeSpan? timeout = null) =>
        Items.WaitUntilAsync(items => items.Any(b => b.Updates.Any(u => u.Key == key && u.Version >= version)), $"{key} at version {version}", timeout);

    /// <summary>Waits for the enumeration to end with <typeparamref name="TException"/>.</summary>
    public async Task<TException> EndedWithAsync<TException>(TimeSpan? timeout = null)
        where TException : Exception =>
        await Assert.ThrowsAnyAsync<TException>(() => _reading.WaitAsync(timeout ?? TestTimeouts.Event));

    public void Cancel() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading.WaitAsync(TestTimeouts.Event);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            // the test looked at how it ended already, if it cared
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(IAsyncEnumerable<FeedBatch> watch)
    {
        await foreach (var batch in watch)
        {
            Items.Add(batch);
        }
    }
}
