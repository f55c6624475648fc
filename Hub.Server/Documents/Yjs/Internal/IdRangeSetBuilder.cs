namespace RealtimeHub.Server.Documents.Yjs.Internal;

/// <summary>
/// Collects clock ranges into an <see cref="IdRangeSet"/>. A range that continues the client's last one extends it,
/// so the structs of a client section (consecutive by construction) or a sorted delete set cost one entry per gap.
/// </summary>
internal sealed class IdRangeSetBuilder
{
    private readonly Dictionary<ulong, List<IdRange>> _ranges = [];

    public void Add(ulong client, ulong start, ulong end)
    {
        if (end <= start)
        {
            return;
        }

        if (!_ranges.TryGetValue(client, out var ranges))
        {
            _ranges[client] = ranges = [];
        }

        if (ranges.Count > 0 && ranges[^1].Start <= start && start <= ranges[^1].End)
        {
            ranges[^1] = ranges[^1] with { End = Math.Max(ranges[^1].End, end) };
        }
        else
        {
            ranges.Add(new IdRange(start, end));
        }
    }

    public IdRangeSet Build()
    {
        if (_ranges.Count == 0)
        {
            return IdRangeSet.Empty;
        }

        var merged = new Dictionary<ulong, IdRange[]>(_ranges.Count);
        foreach (var (client, ranges) in _ranges)
        {
            merged[client] = SortAndMerge(ranges);
        }

        return new IdRangeSet(merged);
    }

    private static IdRange[] SortAndMerge(List<IdRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var kept = 0;
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Start <= ranges[kept].End)
            {
                ranges[kept] = ranges[kept] with { End = Math.Max(ranges[kept].End, ranges[i].End) };
            }
            else
            {
                ranges[++kept] = ranges[i];
            }
        }

        return ranges.GetRange(0, kept + 1).ToArray();
    }
}
