using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client.Reconnection;

namespace RealtimeHub.Tests.Client;

public sealed class ExponentialBackoffRetryPolicyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void DelayGrowsByTheMultiplierWithEachAttempt()
    {
        var policy = Policy(new() { BaseDelay = Second, Multiplier = 3, MaxDelay = TimeSpan.FromHours(1), Jitter = JitterMode.None });

        Assert.Equal(
            [Second, 3 * Second, 9 * Second, 27 * Second],
            Enumerable.Range(0, 4).Select(attempt => policy.NextRetryDelay(Context(attempt))));
    }

    [Fact]
    public void DelayNeverExceedsTheCapEvenAfterVeryManyAttempts()
    {
        var policy = Policy(new() { BaseDelay = Second, Multiplier = 2, MaxDelay = 10 * Second, Jitter = JitterMode.None });

        Assert.Equal(8 * Second, policy.NextRetryDelay(Context(3)));
        Assert.Equal(10 * Second, policy.NextRetryDelay(Context(4)));
        Assert.Equal(10 * Second, policy.NextRetryDelay(Context(100_000)));
    }

    [Theory]
    [InlineData(0.0, 800)]
    [InlineData(0.5, 1000)]
    [InlineData(0.999999, 1200)]
    public void ProportionalJitterStaysWithinTheFractionAroundTheDelay(double random, int expectedMs)
    {
        var policy = Policy(new() { BaseDelay = Second, Jitter = JitterMode.Proportional, JitterFraction = 0.2 }, () => random);

        var delay = policy.NextRetryDelay(Context(0))!.Value;

        Assert.InRange(delay.TotalMilliseconds, expectedMs - 1, expectedMs + 1);
    }

    [Fact]
    public void ProportionalJitterIsStillCappedAtTheMaximumDelay()
    {
        var policy = Policy(new() { BaseDelay = Second, MaxDelay = 4 * Second, JitterFraction = 0.5 }, () => 0.99);

        Assert.Equal(4 * Second, policy.NextRetryDelay(Context(10)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999999)]
    public void FullJitterPicksADelayBetweenZeroAndTheComputedDelay(double random)
    {
        var policy = Policy(new() { BaseDelay = Second, Multiplier = 2, Jitter = JitterMode.Full }, () => random);

        var delay = policy.NextRetryDelay(Context(2))!.Value;

        Assert.Equal(4000 * random, delay.TotalMilliseconds, precision: 3);
        Assert.InRange(delay, TimeSpan.Zero, 4 * Second);
    }

    [Fact]
    public void JitterWithTheRealRandomSourceStaysInBounds()
    {
        var policy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = Second, JitterFraction = 0.3 });

        var delays = Enumerable.Range(0, 1000).Select(_ => policy.NextRetryDelay(Context(0))!.Value).ToList();

        Assert.All(delays, d => Assert.InRange(d.TotalMilliseconds, 700, 1300));
        Assert.True(delays.Distinct().Count() > 1, "jitter should spread the delays");
    }

    [Fact]
    public void GivesUpAfterMaxAttempts()
    {
        var policy = Policy(new() { MaxAttempts = 3, Jitter = JitterMode.None });

        Assert.NotNull(policy.NextRetryDelay(Context(2)));
        Assert.Null(policy.NextRetryDelay(Context(3)));
        Assert.Null(policy.NextRetryDelay(Context(4)));
    }

    [Fact]
    public void GivesUpOnceMaxElapsedHasPassed()
    {
        var policy = Policy(new() { BaseDelay = Second, MaxElapsed = 60 * Second, Jitter = JitterMode.None });

        Assert.NotNull(policy.NextRetryDelay(Context(1, elapsed: 59 * Second)));
        Assert.Null(policy.NextRetryDelay(Context(1, elapsed: 60 * Second)));
        Assert.Null(policy.NextRetryDelay(Context(1, elapsed: 61 * Second)));
    }

    [Fact]
    public void LastDelayBeforeMaxElapsedIsShortenedToTheTimeLeft()
    {
        var policy = Policy(new() { BaseDelay = 10 * Second, MaxElapsed = 25 * Second, Jitter = JitterMode.None });

        Assert.Equal(5 * Second, policy.NextRetryDelay(Context(0, elapsed: 20 * Second)));
    }

    [Fact]
    public void NeverGivesUpByDefault()
    {
        var policy = new ExponentialBackoffRetryPolicy();

        Assert.NotNull(policy.NextRetryDelay(Context(1_000_000, elapsed: TimeSpan.FromDays(30))));
    }

    [Fact]
    public void ANewReconnectSequenceStartsAgainFromTheBaseDelay()
    {
        // HubConnection restarts PreviousRetryCount and ElapsedTime at zero for each outage; the policy holds no state.
        var policy = Policy(new() { BaseDelay = Second, MaxAttempts = 5, Jitter = JitterMode.None });
        var firstOutage = Enumerable.Range(0, 5).Select(attempt => policy.NextRetryDelay(Context(attempt))).ToList();
        Assert.Null(policy.NextRetryDelay(Context(5)));

        var secondOutage = Enumerable.Range(0, 5).Select(attempt => policy.NextRetryDelay(Context(attempt))).ToList();

        Assert.Equal(firstOutage, secondOutage);
        Assert.Equal(Second, secondOutage[0]);
    }

    [Fact]
    public void RejectsOptionsThatCannotProduceABackoff()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffRetryPolicy(new() { Multiplier = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffRetryPolicy(new() { BaseDelay = Second, MaxDelay = Second / 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffRetryPolicy(new() { JitterFraction = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffRetryPolicy(new() { MaxAttempts = -1 }));
    }

    private static ExponentialBackoffRetryPolicy Policy(ExponentialBackoffOptions options, Func<double>? random = null) =>
        new(options, random ?? (() => 0.5));

    private static RetryContext Context(long previousRetries, TimeSpan elapsed = default) =>
        new() { PreviousRetryCount = previousRetries, ElapsedTime = elapsed, RetryReason = new IOException("lost") };
}
