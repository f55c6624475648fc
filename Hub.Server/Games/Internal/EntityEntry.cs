namespace RealtimeHub.Server.Games.Internal;

/// <summary>One entity of a <see cref="MatchEntities"/> table: its value, its change stamp, and where it sits.</summary>
internal sealed class EntityEntry(string id, object value)
{
    public string Id { get; } = id;

    public object Value { get; set; } = value;

    /// <summary>The table's change counter when <see cref="Value"/> last changed; a player holds it when it has the newest value.</summary>
    public long Version { get; set; }

    /// <summary>False for an entity every player sees (it has no position).</summary>
    public bool Placed { get; set; }

    public double X { get; set; }

    public double Y { get; set; }

    /// <summary>Key of the grid cell holding the entity while <see cref="Placed"/>.</summary>
    public long Cell { get; set; }

    /// <summary>Index in its cell's list (or in the unplaced list), so removal is a swap, not a search.</summary>
    public int Slot { get; set; }
}
