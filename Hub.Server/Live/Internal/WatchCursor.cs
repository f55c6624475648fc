using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// All a watch keeps: per watched key the version it last delivered and when, the table's counter and generation it
/// last looked at, and the keys it holds back for their rate. No values and no messages: those stay in the shared
/// <see cref="FeedTable"/>, so a watcher that stops reading costs at most this, one entry per watched key, however
/// much is published meanwhile. Used by one watch at a time; time is in <see cref="TimeProvider"/> timestamp units.
/// </summary>
internal sealed class WatchCursor(string feed, string[]? keys, long minInterval)
{
    private const long NeverDelivered = long.MinValue / 2;

    private readonly Dictionary<string, Delivered> _delivered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private readonly List<FeedEntry> _due = [];
    private readonly List<string> _hold = [];

    /// <summary>The table's counter when this cursor last looked.</summary>
    public long SeenCounter { get; private set; }

    /// <summary>The table generation this cursor's versions belong to; -1 before its first snapshot.</summary>
    public long Generation { get; private set; } = -1;

    /// <summary>
    /// No watched key can be due before this time: each was delivered and waits out its rate. <see cref="long.MinValue"/>
    /// when some key may be due at any time (never delivered, removed, or a watch of every key, where new keys appear).
    /// </summary>
    public long QuietUntil { get; private set; } = long.MinValue;

    /// <summary>Whether some key has a newer version that waits for its rate.</summary>
    public bool HasHeld => _held.Count > 0;

    /// <summary>Keys whose delivery is tracked: at most the watched keys (the feed's keys when it watches all).</summary>
    public int TrackedKeys => _delivered.Count;

    /// <summary>
    /// The item for a tick at <paramref name="now"/>: a snapshot when the table is in a generation this cursor has not
    /// seen (its first item, or the store lost the feed), else the watched keys with a newer version whose rate allows
    /// them, or null when none is due.
    /// </summary>
    public FeedBatch? Next(FeedTable table, long now)
    {
        // A generation other than the cursor's (even while a replacement is under way: the cursor's is always even)
        // means a snapshot, taken under the table's lock, so after any replacement in progress.
        var generation = table.Generation;
        return generation == Generation ? Batch(table, generation, now) : table.ReadConsistent(t => Snapshot(t, now));
    }

    /// <summary>Every watched key that has a value, newest versions; the cursor starts over from them.</summary>
    private FeedBatch Snapshot(FeedTable table, long now)
    {
        _delivered.Clear();
        _held.Clear();
        var entries = table.Entries;
        var watched = keys is null
            ? entries.Select(pair => pair.Value).OrderBy(e => e.Key, StringComparer.Ordinal)
            : keys.Select(key => entries.GetValueOrDefault(key)).OfType<FeedEntry>();
        var updates = new List<FeedUpdate>();
        foreach (var entry in watched)
        {
            // A removal was not delivered, so it does not count against the key's rate.
            _delivered[entry.Key] = new Delivered(entry.Version, entry.IsRemoved ? NeverDelivered : now);
            if (!entry.IsRemoved)
            {
                updates.Add(entry.Update);
            }
        }

        SeenCounter = table.Counter;
        Generation = table.Generation;
        UpdateQuietUntil();
        return new FeedBatch(feed, true, [.. updates]);
    }

    private FeedBatch? Batch(FeedTable table, long generation, long now)
    {
        var counter = table.Counter;
        var changed = counter != SeenCounter;
        if (!changed && _held.Count == 0)
        {
            return null;
        }

        // Loops, not LINQ: this runs for every watch on every tick its feed changed.
        _due.Clear();
        _hold.Clear();
        var entries = table.Entries;
        if (!changed)
        {
            foreach (var key in _held)
            {
                Consider(entries.GetValueOrDefault(key), now);
            }
        }
        else if (keys is null)
        {
            foreach (var (_, entry) in entries) // the lock-free enumerator, not .Values (a locked copy)
            {
                Consider(entry.Stamp > SeenCounter || _held.Contains(entry.Key) ? entry : null, now);
            }
        }
        else
        {
            foreach (var key in keys)
            {
                var entry = entries.GetValueOrDefault(key);
                Consider(entry is not null && (entry.Stamp > SeenCounter || _held.Contains(key)) ? entry : null, now);
            }
        }

        if (table.Generation != generation)
        {
            return null; // replaced while reading: the next item is a snapshot
        }

        foreach (var entry in _due)
        {
            _delivered[entry.Key] = new Delivered(entry.Version, now);
        }

        _held.Clear();
        _held.UnionWith(_hold);
        SeenCounter = counter;
        if (_due.Count > 0)
        {
            UpdateQuietUntil();
        }

        return _due.Count == 0 ? null : new FeedBatch(feed, false, [.. _due.Select(e => e.Update)]);
    }

    private void UpdateQuietUntil()
    {
        var quietUntil = keys is null ? long.MinValue : long.MaxValue;
        foreach (var key in keys ?? [])
        {
            if (!_delivered.TryGetValue(key, out var delivered) || delivered.At == NeverDelivered)
            {
                quietUntil = long.MinValue;
                break;
            }

            quietUntil = Math.Min(quietUntil, delivered.At + minInterval);
        }

        QuietUntil = quietUntil;
    }

    /// <summary>Sorts a candidate (changed since the last look, or held back) into due now or held for its rate.</summary>
    private void Consider(FeedEntry? entry, long now)
    {
        if (entry is null)
        {
            return;
        }

        var delivered = _delivered.GetValueOrDefault(entry.Key, new Delivered(0, NeverDelivered));
        if (entry.Version <= delivered.Version)
        {
            return;
        }

        if (now - delivered.At < minInterval)
        {
            _hold.Add(entry.Key);
        }
        else
        {
            _due.Add(entry);
        }
    }

    private readonly record struct Delivered(long Version, long At);
}
