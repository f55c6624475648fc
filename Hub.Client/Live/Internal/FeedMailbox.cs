using System.Runtime.ExceptionServices;
using System.Text.Json;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live.Internal;

/// <summary>
/// Between a watch's stream and its consumer: at most one pending update per key, the newest, so a consumer that reads
/// slowly gets each key's newest value and never a backlog, as the hub does for a slow connection. A snapshot that
/// arrives replaces whatever was pending (it is complete); updates arriving after it merge into it, removals leave it.
/// Versions already handed over are never handed over again (<see cref="FeedVersions"/>).
/// </summary>
internal sealed class FeedMailbox(string feed)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, FeedUpdate> _pending = new(StringComparer.Ordinal);
    private readonly FeedVersions _handed = new();
    private bool _snapshotPending;
    private bool _completed;
    private ExceptionDispatchInfo? _error;
    private TaskCompletionSource _arrived = NewSignal();

    public void Add(FeedBatch batch)
    {
        TaskCompletionSource arrived;
        lock (_sync)
        {
            if (batch.Snapshot)
            {
                _pending.Clear();
                _snapshotPending = true;
            }

            foreach (var update in batch.Updates)
            {
                if (!_pending.TryGetValue(update.Key, out var pending) || update.Version > pending.Version)
                {
                    _pending[update.Key] = update;
                }
            }

            arrived = _arrived;
            _arrived = NewSignal();
        }

        arrived.TrySetResult();
    }

    /// <summary>No more batches will come; the consumer gets what is pending, then <paramref name="error"/> (or the end).</summary>
    public void Complete(Exception? error)
    {
        TaskCompletionSource arrived;
        lock (_sync)
        {
            _completed = true;
            _error = error is null ? null : ExceptionDispatchInfo.Capture(error);
            arrived = _arrived;
        }

        arrived.TrySetResult();
    }

    /// <summary>Everything pending as one batch (a snapshot if one is pending); null once completed without an error.</summary>
    public async Task<FeedBatch?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_sync)
            {
                if (TryTake() is { } batch)
                {
                    return batch;
                }

                if (_completed)
                {
                    _error?.Throw();
                    return null;
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Under the lock: the pending updates the consumer does not have yet, or null when there are none.</summary>
    private FeedBatch? TryTake()
    {
        if (_pending.Count == 0 && !_snapshotPending)
        {
            return null;
        }

        var snapshot = _snapshotPending;
        if (snapshot)
        {
            _handed.Restart();
        }

        var updates = new List<FeedUpdate>(_pending.Count);
        foreach (var update in _pending.Values.Where(_handed.IsNew))
        {
            _handed.Record(update);

            // A snapshot lists what exists: a key removed since it was taken is left out (its version still counts).
            if (!(snapshot && IsRemoval(update)))
            {
                updates.Add(update);
            }
        }

        _pending.Clear();
        _snapshotPending = false;
        return snapshot || updates.Count > 0 ? new FeedBatch(feed, snapshot, [.. updates]) : null;
    }

    private static bool IsRemoval(FeedUpdate update) => update.Value is null or JsonElement { ValueKind: JsonValueKind.Null };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
