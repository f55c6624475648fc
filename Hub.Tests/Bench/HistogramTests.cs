using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Tests.Bench;

/// <summary>The generator's latency histogram matches the Socket.IO generator's buckets, so both stacks carry the same error.</summary>
public sealed class HistogramTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(127, 127)]
    [InlineData(128, 128)]
    [InlineData(129, 128)] // 128 and 129 share a 2 µs bucket
    [InlineData(255, 191)]
    [InlineData(256, 192)]
    [InlineData(1_000_000, 954)]
    public void BucketsAreTheSameAsTheNodeGenerators(long microseconds, int bucket) =>
        Assert.Equal(bucket, Histogram.BucketOf(microseconds));

    [Fact]
    public void EveryValueLiesWithinOneSixtyFourthBelowItsBucketsUpperEdge()
    {
        for (long us = 1; us < 50_000_000; us = (us * 17 / 16) + 1)
        {
            var edge = Histogram.UpperEdgeOf(Histogram.BucketOf(us));
            Assert.InRange(edge, us, us + (us / 64) + 1);
        }
    }

    [Fact]
    public void PercentilesReportTheUpperEdgeOfTheirBucketCappedAtTheMaximum()
    {
        var histogram = new Histogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.RecordMs(ms);
        }

        var summary = histogram.Summary();

        Assert.Equal(1000, summary.Samples);
        Assert.InRange(summary.P50Ms!.Value, 500, 500 * 1.016);
        Assert.InRange(summary.P99Ms!.Value, 990, 990 * 1.016);
        Assert.Equal(1000, summary.P999Ms);
        Assert.Equal(1000, summary.MaxMs);
        Assert.Equal(500.5, summary.MeanMs);
    }

    [Fact]
    public void AnEmptyHistogramHasNoPercentiles()
    {
        var summary = new Histogram().Summary();

        Assert.Equal((null, null, 0L), (summary.P99Ms, summary.MaxMs, summary.Samples));
    }

    [Fact]
    public void RecordingFromManyThreadsLosesNoSample()
    {
        var histogram = new Histogram();

        Parallel.For(0, 100_000, i => histogram.RecordMs(i % 50));

        Assert.Equal(100_000, histogram.Summary().Samples);
        Assert.Equal(49, histogram.Summary().MaxMs);
    }
}
