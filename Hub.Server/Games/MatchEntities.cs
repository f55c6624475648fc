using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// The entities of one match as players see them: id → a small immutable value (arena: <c>player:alice</c> →
/// <c>{ x, y, name, score }</c>), each with a change stamp, placed in a spatial grid when it has a position. A kind
/// writes here whenever something visible changes; setting an equal value changes nothing, so a delta carries only
/// what really changed. Not thread-safe: <see cref="Match"/> calls in under its lock.
/// </summary>
public sealed class MatchEntities
{
    private readonly Dictionary<string, EntityEntry> _entries = new(StringComparer.Ordinal);
    private readonly List<EntityEntry> _unplaced = [];
    private readonly SpatialGrid _grid;
    private long _version;

    /// <param name="cellSize">The grid's cell size; the view radius makes a view overlap at most 3 × 3 cells.</param>
    public MatchEntities(double cellSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellSize);
        _grid = new SpatialGrid(cellSize);
    }

    public int Count => _entries.Count;

    /// <summary>Sets an entity that sits at (x, y): players see it when it is within their view.</summary>
    public void Set(string id, double x, double y, object value)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Entity {id} needs a finite position.");
        }

        var entry = GetOrAdd(id, value, out var added);
        entry.X = x;
        entry.Y = y;
        if (entry.Placed)
        {
            _grid.Move(entry);
            return;
        }

        if (!added)
        {
            RemoveUnplaced(entry);
        }

        entry.Placed = true;
        _grid.Add(entry);
    }

    /// <summary>Sets an entity without a position: every player sees it.</summary>
    public void Set(string id, object value)
    {
        var entry = GetOrAdd(id, value, out var added);
        if (added || entry.Placed)
        {
            if (entry.Placed)
            {
                _grid.Remove(entry);
                entry.Placed = false;
            }

            entry.Slot = _unplaced.Count;
            _unplaced.Add(entry);
        }
    }

    public bool Remove(string id)
    {
        if (!_entries.Remove(id, out var entry))
        {
            return false;
        }

        if (entry.Placed)
        {
            _grid.Remove(entry);
        }
        else
        {
            RemoveUnplaced(entry);
        }

        return true;
    }

    public bool TryGetValue(string id, out object? value)
    {
        var found = _entries.TryGetValue(id, out var entry);
        value = entry?.Value;
        return found;
    }

    /// <summary>
    /// Adds every entity <paramref name="view"/> sees to <paramref name="results"/>: the unplaced ones, and the placed
    /// ones in the grid cells the view overlaps (all of them for <see cref="MatchView.Everything"/>).
    /// </summary>
    internal void Query(MatchView view, List<EntityEntry> results)
    {
        if (view.SeesEverything)
        {
            results.AddRange(_entries.Values);
            return;
        }

        results.AddRange(_unplaced);
        _grid.Query(view.X, view.Y, view.Radius, results);
    }

    /// <summary>Finds the entry and takes the new value (a new stamp only if it differs), or adds an entry not yet filed anywhere.</summary>
    private EntityEntry GetOrAdd(string id, object value, out bool added)
    {
        ArgumentNullException.ThrowIfNull(value);
        added = !_entries.TryGetValue(id, out var entry);
        if (entry is null)
        {
            entry = new EntityEntry(id, value) { Version = ++_version };
            _entries.Add(id, entry);
        }
        else if (!Equals(entry.Value, value))
        {
            entry.Value = value;
            entry.Version = ++_version;
        }

        return entry;
    }

    private void RemoveUnplaced(EntityEntry entry)
    {
        var last = _unplaced[^1];
        _unplaced[entry.Slot] = last;
        last.Slot = entry.Slot;
        _unplaced.RemoveAt(_unplaced.Count - 1);
    }
}
