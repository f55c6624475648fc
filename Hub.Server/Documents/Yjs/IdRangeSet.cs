using System.Text;

namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>
/// Clocks of Yjs clients: per client, sorted ranges that neither touch nor overlap (touching ranges are merged).
/// An update's structs are one such set, its delete set another.
/// </summary>
public sealed class IdRangeSet
{
    private readonly Dictionary<ulong, IdRange[]> _ranges;

    internal IdRangeSet(Dictionary<ulong, IdRange[]> ranges)
    {
        _ranges = ranges;
        var clients = ranges.Keys.ToArray();
        Array.Sort(clients);
        Clients = clients;
    }

    /// <summary>The set with no clocks.</summary>
    public static IdRangeSet Empty { get; } = new([]);

    /// <summary>The clients with at least one clock, in ascending order.</summary>
    public IReadOnlyList<ulong> Clients { get; }

    /// <summary>Whether the set holds no clock at all.</summary>
    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>One client's ranges in ascending order (none for a client the set does not hold).</summary>
    public IReadOnlyList<IdRange> this[ulong client] => _ranges.TryGetValue(client, out var ranges) ? ranges : [];

    /// <summary>Whether every clock of <paramref name="range"/> is in the set (an empty range always is).</summary>
    public bool Covers(ulong client, IdRange range)
    {
        if (range.Length == 0)
        {
            return true;
        }

        if (!_ranges.TryGetValue(client, out var ranges))
        {
            return false;
        }

        // Merged ranges leave gaps between them, so only the last range starting at or before range.Start can hold it.
        var index = LastStartingAtOrBefore(ranges, range.Start);
        return index >= 0 && ranges[index].Covers(range);
    }

    /// <summary>Whether every clock of <paramref name="other"/> is in this set.</summary>
    public bool Covers(IdRangeSet other)
    {
        foreach (var (client, ranges) in other._ranges)
        {
            foreach (var range in ranges)
            {
                if (!Covers(client, range))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The end of the client's range that starts at clock 0, or 0: how far its clocks run without a gap.</summary>
    public ulong ContiguousEnd(ulong client) =>
        _ranges.TryGetValue(client, out var ranges) && ranges[0].Start == 0 ? ranges[0].End : 0;

    /// <summary>For test and log messages: <c>{client: [start, end) ...; ...}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var client in Clients)
        {
            text.Append(text.Length > 1 ? "; " : "").Append(client).Append(':');
            foreach (var range in _ranges[client])
            {
                text.Append(' ').Append(range);
            }
        }

        return text.Append('}').ToString();
    }

    private static int LastStartingAtOrBefore(IdRange[] ranges, ulong clock)
    {
        int low = 0, high = ranges.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (ranges[middle].Start <= clock)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}
