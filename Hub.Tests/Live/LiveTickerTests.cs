using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Live.Internal;

namespace RealtimeHub.Tests.Live;

/// <summary>The node's one ticker, on a fake clock: a tick per interval, never two closer than that.</summary>
public sealed class LiveTickerTests
{
    [Fact]
    public async Task TicksComeOncePerBatchIntervalWithTheirTimestamp()
    {
        var time = new FakeTimeProvider();
        var ticker = new LiveTicker(Options.Create(new LiveOptions { BatchInterval = TimeSpan.FromMilliseconds(100) }), time);
        using var stop = new CancellationTokenSource();
        var started = time.GetTimestamp();
        var running = ticker.RunAsync(stop.Token);

        var first = ticker.NextTickAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(40));
        var firstAt = await first.WaitAsync(TimeSpan.FromSeconds(5));

        var second = ticker.NextTickAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var secondAt = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(100, time.GetElapsedTime(started, firstAt).TotalMilliseconds);
        Assert.Equal(100, time.GetElapsedTime(firstAt, secondAt).TotalMilliseconds);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task AWaitForATimeSleepsThroughTheTicksBeforeItAndWakesAtTheFirstTickAtOrAfterIt()
    {
        var time = new FakeTimeProvider();
        var ticker = new LiveTicker(Options.Create(new LiveOptions { BatchInterval = TimeSpan.FromMilliseconds(100) }), time);
        using var stop = new CancellationTokenSource();
        var started = time.GetTimestamp();
        var running = ticker.RunAsync(stop.Token);

        var wait = ticker.TickAtOrAfterAsync(started + (long)(0.45 * time.TimestampFrequency), CancellationToken.None);
        var passed = ticker.TickAtOrAfterAsync(started - time.TimestampFrequency, CancellationToken.None);
        for (var tick = 1; tick <= 4; tick++)
        {
            var next = ticker.NextTickAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromMilliseconds(100));
            await next.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.False(wait.IsCompleted, $"woken at tick {tick}");
        }

        time.Advance(TimeSpan.FromMilliseconds(100));
        var at = await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(500, time.GetElapsedTime(started, at).TotalMilliseconds);
        Assert.Equal(100, time.GetElapsedTime(started, await passed.WaitAsync(TimeSpan.FromSeconds(5))).TotalMilliseconds); // a time gone: the next tick
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
