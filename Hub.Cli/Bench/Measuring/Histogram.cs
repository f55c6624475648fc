using System.Numerics;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>
/// The same log-bucketed, HDR-style latency histogram as the Socket.IO generator (bench/socketio/lib/histogram.js),
/// so both stacks' percentiles carry the same error: integer microseconds, one bucket each below 128 µs, then 64
/// sub-buckets per power of two (relative error below 1/64); a percentile reports its bucket's upper edge.
/// Safe to record from several threads.
/// </summary>
internal sealed class Histogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private const long MaxValue = int.MaxValue; // about 35 minutes in microseconds
    private const int Buckets = Linear + (25 * SubBuckets);

    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public static int BucketOf(long us)
    {
        if (us < Linear)
        {
            return (int)us;
        }

        var shift = BitOperations.Log2((ulong)us) - 6; // us >> shift lies in [64, 128)
        return Linear + ((shift - 1) * SubBuckets) + (int)((us >> shift) - SubBuckets);
    }

    public static long UpperEdgeOf(int bucket)
    {
        if (bucket < Linear)
        {
            return bucket;
        }

        var shift = ((bucket - Linear) / SubBuckets) + 1;
        var mantissa = ((bucket - Linear) % SubBuckets) + SubBuckets;
        return ((mantissa + 1L) << shift) - 1;
    }

    /// <summary>Records a latency in milliseconds (fractions welcome).</summary>
    public void RecordMs(double ms)
    {
        var us = Math.Clamp((long)Math.Round(ms * 1000), 0, MaxValue);
        Interlocked.Increment(ref _counts[BucketOf(us)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, us);
        long seen;
        while (us < (seen = Interlocked.Read(ref _min)) && Interlocked.CompareExchange(ref _min, us, seen) != seen)
        {
        }

        while (us > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, us, seen) != seen)
        {
        }
    }

    /// <summary>The value in milliseconds below which <paramref name="percent"/> of the recorded values lie; null when empty.</summary>
    public double? PercentileMs(double percent)
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * count));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperEdgeOf(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }

        return Interlocked.Read(ref _max) / 1000.0;
    }

    public LatencySummary Summary()
    {
        var count = Count;
        return new LatencySummary(
            Round(PercentileMs(50)), Round(PercentileMs(99)), Round(PercentileMs(99.9)),
            count == 0 ? null : Round(_max / 1000.0), count == 0 ? null : Round(_sum / (double)count / 1000.0), count);
    }

    private static double? Round(double? ms) => ms is { } value ? Math.Round(value, 3) : null;
}
