namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// Placed entities bucketed in square cells of <c>cellSize</c> (the view radius), so the entities within r of a point
/// are found by looking at the few cells the circle overlaps (3 × 3 when r ≤ the cell size), not at every entity.
/// </summary>
internal sealed class SpatialGrid(double cellSize)
{
    private readonly Dictionary<long, List<EntityEntry>> _cells = [];

    public void Add(EntityEntry entry)
    {
        entry.Cell = KeyOf(CellOf(entry.X), CellOf(entry.Y));
        if (!_cells.TryGetValue(entry.Cell, out var cell))
        {
            cell = [];
            _cells.Add(entry.Cell, cell);
        }

        entry.Slot = cell.Count;
        cell.Add(entry);
    }

    /// <summary>Files the entry again after its position changed; nothing to do while it stays in its cell.</summary>
    public void Move(EntityEntry entry)
    {
        if (KeyOf(CellOf(entry.X), CellOf(entry.Y)) != entry.Cell)
        {
            Remove(entry);
            Add(entry);
        }
    }

    public void Remove(EntityEntry entry)
    {
        var cell = _cells[entry.Cell];
        var last = cell[^1];
        cell[entry.Slot] = last;
        last.Slot = entry.Slot;
        cell.RemoveAt(cell.Count - 1);
        if (cell.Count == 0)
        {
            _cells.Remove(entry.Cell);
        }
    }

    /// <summary>Adds to <paramref name="results"/> every entry within <paramref name="radius"/> of (x, y), the edge included.</summary>
    public void Query(double x, double y, double radius, List<EntityEntry> results)
    {
        long minX = CellOf(x - radius), maxX = CellOf(x + radius), minY = CellOf(y - radius), maxY = CellOf(y + radius);
        var radiusSquared = radius * radius;
        if ((double)(maxX - minX + 1) * (maxY - minY + 1) > _cells.Count)
        {
            // A radius wider than the occupied area: walking the occupied cells is cheaper than the empty ones.
            foreach (var cell in _cells.Values)
            {
                AddWithin(cell, x, y, radiusSquared, results);
            }

            return;
        }

        for (var cx = minX; cx <= maxX; cx++)
        {
            for (var cy = minY; cy <= maxY; cy++)
            {
                if (_cells.TryGetValue(KeyOf(cx, cy), out var cell))
                {
                    AddWithin(cell, x, y, radiusSquared, results);
                }
            }
        }
    }

    private static void AddWithin(List<EntityEntry> cell, double x, double y, double radiusSquared, List<EntityEntry> results)
    {
        foreach (var entry in cell)
        {
            double dx = entry.X - x, dy = entry.Y - y;
            if ((dx * dx) + (dy * dy) <= radiusSquared)
            {
                results.Add(entry);
            }
        }
    }

    private long CellOf(double coordinate) => (long)Math.Clamp(Math.Floor(coordinate / cellSize), int.MinValue, int.MaxValue);

    private static long KeyOf(long cx, long cy) => (cx << 32) | (uint)cy;
}
