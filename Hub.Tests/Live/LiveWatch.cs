using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>
/// One <c>Watch</c> stream read through the real <see cref="HubConnection.StreamAsync{TResult}(string, object?[], CancellationToken)"/>,
/// every item recorded as it arrived. <see cref="Ended"/> completes when the stream does: null when it completed or was
/// cancelled, else the error it ended with.
/// </summary>
public sealed class LiveWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<Exception?> _pump;

    internal LiveWatch(HubConnection connection, string feed, string[]? keys, double? maxPerSecond)
    {
        Feed = feed;
        var stream = connection.StreamAsync<FeedBatch>("Watch", feed, keys, maxPerSecond, _cancel.Token);
        _pump = PumpAsync(stream);
    }

    public string Feed { get; }

    public EventLog<ReceivedBatch> Items { get; } = new();

    public Task<Exception?> Ended => _pump;

    /// <summary>The first item (the snapshot), or the error the watch ended with before it.</summary>
    public async Task<ReceivedBatch> SnapshotAsync()
    {
        var first = Items.WaitForCountAsync(1, $"the snapshot of {Feed}");
        if (await Task.WhenAny(first, _pump) == _pump && Items.Snapshot().Count == 0)
        {
            throw await _pump ?? new InvalidOperationException($"The watch of {Feed} ended without a snapshot.");
        }

        return (await first)[0];
    }

    /// <summary>Waits until the watch holds <paramref name="key"/> at <paramref name="version"/> or later; returns that update.</summary>
    public async Task<FeedUpdate> WaitForVersionAsync(string key, long version, TimeSpan? timeout = null)
    {
        await Items.WaitUntilAsync(_ => Holds(key, version), $"{key}@{version} on a watch of {Feed}", timeout);
        return Latest()[key];
    }

    /// <summary>What the watch holds now: each key's last received update, snapshots replacing everything before them.</summary>
    public IReadOnlyDictionary<string, FeedUpdate> Latest()
    {
        var latest = new Dictionary<string, FeedUpdate>(StringComparer.Ordinal);
        foreach (var item in Items.Snapshot())
        {
            if (item.Snapshot)
            {
                latest.Clear();
            }

            foreach (var update in item.Updates)
            {
                latest[update.Key] = update;
            }
        }

        return latest;
    }

    /// <summary>Every update of <paramref name="key"/> received, in order, with when it arrived.</summary>
    public IReadOnlyList<(FeedUpdate Update, long ReceivedAt, bool Snapshot)> History(string key) =>
        [.. Items.Snapshot().SelectMany(item => item.Updates.Where(u => u.Key == key).Select(u => (u, item.ReceivedAt, item.Snapshot)))];

    /// <summary>Waits for the watch to end, and returns the error it ended with (null: none).</summary>
    public Task<Exception?> WaitForEndAsync() => _pump.WaitAsync(TestTimeouts.Event);

    public void Cancel() => _cancel.Cancel();

    public async ValueTask DisposeAsync()
    {
        _cancel.Cancel();
        await _pump.WaitAsync(TestTimeouts.Event).ContinueWith(_ => { }, TaskScheduler.Default);
        _cancel.Dispose();
    }

    private bool Holds(string key, long version) => Latest().TryGetValue(key, out var update) && update.Version >= version;

    private async Task<Exception?> PumpAsync(IAsyncEnumerable<FeedBatch> stream)
    {
        await Task.Yield();
        try
        {
            await foreach (var batch in stream)
            {
                var updates = batch.Updates.Select(u => u with { Value = u.Value is null ? null : RealtimeHub.Client.Internal.NotificationData.ToJson(u.Value) });
                Items.Add(new ReceivedBatch(batch with { Updates = [.. updates] }, Stopwatch.GetTimestamp()));
            }

            return null;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
