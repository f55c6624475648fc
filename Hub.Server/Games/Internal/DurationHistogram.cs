namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// Counts durations in buckets four to a doubling (each about 19 % wider than the last, from 1 µs to over a minute), so
/// percentiles cost a fixed array however many ticks ran. A percentile is its bucket's upper edge: at most 19 % high.
/// One writer (the loop); readers on other threads see counts at most one record behind.
/// </summary>
internal sealed class DurationHistogram
{
    private const int BucketsPerDoubling = 4;
    private const int BucketCount = BucketsPerDoubling * 27; // 2^27 µs ≈ 134 s
    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _maxTicks;

    public void Record(TimeSpan duration)
    {
        var microseconds = Math.Max(duration.Ticks / 10.0, 1);
        var bucket = Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log2(microseconds) * BucketsPerDoubling));
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
        if (duration.Ticks > Volatile.Read(ref _maxTicks))
        {
            Volatile.Write(ref _maxTicks, duration.Ticks);
        }
    }

    public long Count => Volatile.Read(ref _total);

    public TimeSpan Max => TimeSpan.FromTicks(Volatile.Read(ref _maxTicks));

    /// <summary>The duration <paramref name="fraction"/> of the records are at or under (rounded up to a bucket edge); zero with no records.</summary>
    public TimeSpan Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            seen += Volatile.Read(ref _counts[bucket]);
            if (seen >= rank)
            {
                return TimeSpan.FromTicks(Math.Min((long)(Math.Pow(2, (double)bucket / BucketsPerDoubling) * 10), Max.Ticks));
            }
        }

        return Max;
    }
}
