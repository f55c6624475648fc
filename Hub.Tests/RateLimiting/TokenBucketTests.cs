using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Tests.RateLimiting;

public sealed class TokenBucketTests
{
    [Fact]
    public void AllowsABurstUpToCapacityThenRefuses()
    {
        var bucket = new TokenBucket(perSecond: 10, capacity: 20, new FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 20), _ => Assert.True(bucket.TryTake()));
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void RefillsAtTheConfiguredRate()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 10, capacity: 5, time);
        while (bucket.TryTake())
        {
        }

        time.Advance(TimeSpan.FromMilliseconds(250)); // 2.5 tokens

        Assert.True(bucket.TryTake());
        Assert.True(bucket.TryTake());
        Assert.False(bucket.TryTake());
    }

    [Fact]
    public void NeverHoldsMoreThanItsCapacity()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 100, capacity: 3, time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => bucket.TryTake()));
    }

    [Fact]
    public void CountsRefusalsInARowAndResetsOnTheNextAllowedCall()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(perSecond: 1, capacity: 1, time);
        bucket.TryTake();

        bucket.TryTake();
        bucket.TryTake();
        Assert.Equal(2, bucket.RefusalsInARow);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TryTake());
        Assert.Equal(0, bucket.RefusalsInARow);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 5)]
    public void RejectsNonPositiveSettings(double perSecond, int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(perSecond, capacity, TimeProvider.System));
}
