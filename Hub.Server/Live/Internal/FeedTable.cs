using System.Collections.Concurrent;
using System.Text.Json;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// One node's latest-value table of a watched feed: key → newest value, version, time and change stamp, with a
/// table-wide change counter. Written by one writer at a time (publications, reloads), read without locks by every
/// watch of the feed on the node, which each keep only a cursor into it (<see cref="WatchCursor"/>).
/// </summary>
/// <remarks>
/// Values are merged by version, so a publication and a reload may arrive in any order. A newer epoch (the store lost
/// the feed) replaces the whole table and bumps <see cref="Generation"/>, which tells every watch to send a snapshot.
/// The generation is odd while a replacement is under way, so a watch reading without the lock can tell.
/// </remarks>
internal sealed class FeedTable(string feed)
{
    private readonly Lock _write = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConcurrentDictionary<string, FeedEntry> _entries = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private string _epoch = string.Empty;
    private long _counter;
    private long _generation;

    public string Feed => feed;

    /// <summary>Watches holding the table; changed only under <see cref="FeedTables"/>' lock.</summary>
    public int References { get; set; }

    /// <summary>Completes once the table listens to the feed and holds the store's values (faults if it could not).</summary>
    public Task Loaded => _loaded.Task;

    public long Counter => Volatile.Read(ref _counter);

    public long Generation => Volatile.Read(ref _generation);

    /// <summary>The entries of the current generation (read <see cref="Generation"/> before and after using them).</summary>
    public ConcurrentDictionary<string, FeedEntry> Entries => Volatile.Read(ref _entries);

    public string Epoch
    {
        get
        {
            lock (_write)
            {
                return _epoch;
            }
        }
    }

    public void SetLoaded(Exception? failure)
    {
        if (failure is null)
        {
            _loaded.TrySetResult();
        }
        else
        {
            _loaded.TrySetException(failure);
        }
    }

    /// <summary>Completes when the table changed since <paramref name="counter"/> or left <paramref name="generation"/>.</summary>
    public Task WaitForChangeAsync(long counter, long generation, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _changed);
        return Counter != counter || Generation != generation ? Task.CompletedTask : signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="read"/> while no writer can change the table (for snapshots, which must be whole).</summary>
    public T ReadConsistent<T>(Func<FeedTable, T> read)
    {
        lock (_write)
        {
            return read(this);
        }
    }

    /// <summary>Applies a publication; true when it shows the store lost the feed, so a full reload should follow.</summary>
    public bool ApplyPublication(FeedSlice applied)
    {
        bool lost;
        lock (_write)
        {
            var order = string.CompareOrdinal(applied.Epoch, _epoch);
            if (order < 0)
            {
                return false; // from before a loss this table already moved past
            }

            lost = order > 0 && _epoch.Length > 0;
            Apply(applied, replace: lost);
        }

        Signal();
        return lost;
    }

    /// <summary>
    /// Applies a read of every key, begun when the table's epoch was <paramref name="epochAtStart"/>: merged within the
    /// same epoch; a newer epoch replaces the table; no epoch at all (the store lost the feed and nobody published since)
    /// empties it, unless a publication moved the table to a new epoch during the read (it is then newer than the read).
    /// </summary>
    public void ApplyFullRead(FeedSlice read, string epochAtStart)
    {
        lock (_write)
        {
            var order = string.CompareOrdinal(read.Epoch, _epoch);
            var emptied = read.Epoch.Length == 0 && _epoch.Length > 0 && _epoch == epochAtStart;
            if (order < 0 && !emptied)
            {
                return;
            }

            Apply(read, replace: (order > 0 && _epoch.Length > 0) || emptied);
        }

        Signal();
    }

    /// <summary>Merges a read of some keys; false when its epoch differs from the table's (then only a full read can tell what happened).</summary>
    public bool ApplyPartialRead(FeedSlice read)
    {
        lock (_write)
        {
            if (read.Epoch != _epoch && _epoch.Length > 0)
            {
                return false;
            }

            Apply(read, replace: false);
        }

        Signal();
        return true;
    }

    private void Apply(FeedSlice slice, bool replace)
    {
        if (replace)
        {
            Interlocked.Increment(ref _generation); // odd: replacing
            Volatile.Write(ref _entries, new ConcurrentDictionary<string, FeedEntry>(StringComparer.Ordinal));
        }

        if (replace || slice.Epoch.Length > 0)
        {
            _epoch = slice.Epoch;
        }

        var entries = _entries;
        var stamp = _counter + 1;
        var changed = false;
        foreach (var value in slice.Values)
        {
            if (!entries.TryGetValue(value.Key, out var current) || current.Version < value.Version)
            {
                entries[value.Key] = new FeedEntry(new FeedUpdate(value.Key, ToValue(value.Json), value.Version, value.PublishedAt), stamp);
                changed = true;
            }
        }

        // Published after the entries, so a watch that read the counter finds every entry stamped up to it.
        if (changed || replace)
        {
            Volatile.Write(ref _counter, stamp);
        }

        if (replace)
        {
            Interlocked.Increment(ref _generation); // even again: a new generation
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    /// <summary>
    /// Checked once per node, shared by every watch, and serialized once per protocol (<see cref="PreparedFeedValue"/>).
    /// The store holds only JSON this app wrote; anything else found there is passed on as its text rather than breaking
    /// the table.
    /// </summary>
    private static object? ToValue(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return PreparedFeedValue.From(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
