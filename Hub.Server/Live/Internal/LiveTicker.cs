using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// The node's one clock for every watch: a tick at most every <see cref="LiveOptions.BatchInterval"/>, never two
/// closer than that, each carrying its timestamp. A watch yields at most one item per tick, so it never gets two
/// batches within one interval, and watches of a node wake together instead of each running a timer of its own.
/// </summary>
/// <remarks>
/// A watch whose keys are all held for their rate asks for the first tick at or after a time
/// (<see cref="TickAtOrAfterAsync"/>) and sleeps through the ticks before it: at 2 per second and a 100 ms interval it
/// wakes twice a second instead of ten times. Upcoming ticks each have a signal in a ring, so a wait costs no timer.
/// </remarks>
internal sealed class LiveTicker(IOptions<LiveOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>Ticks ahead a wait can name: 10 s at the default interval, the slowest rate a watch may ask (0.1/s).</summary>
    private const int Ring = 128;

    private readonly TimeSpan _interval = options.Value.BatchInterval;
    private readonly TaskCompletionSource<long>[] _ticks = NewRing();
    private readonly Lock _sync = new();
    private long _count;
    private long _lastAt = time.GetTimestamp();

    public long IntervalTicks => (long)(_interval.TotalSeconds * time.TimestampFrequency);

    /// <summary>The timestamp of the next tick, once it comes.</summary>
    public Task<long> NextTickAsync(CancellationToken cancellationToken) => TickAtOrAfterAsync(long.MinValue, cancellationToken);

    /// <summary>
    /// The timestamp of the first tick at or after <paramref name="timestamp"/> (the next one when that has passed).
    /// Ticks are never closer than the interval, so the k-th tick from the last comes no sooner than k intervals after it.
    /// </summary>
    public Task<long> TickAtOrAfterAsync(long timestamp, CancellationToken cancellationToken)
    {
        Task<long> tick;
        lock (_sync)
        {
            var ahead = timestamp <= _lastAt ? 1 : Math.Clamp(CeilingDivide(timestamp - _lastAt, IntervalTicks), 1, Ring - 1);
            tick = _ticks[(_count + ahead) % Ring].Task;
        }

        return tick.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The ticking loop; its first wait starts before this returns (tests drive it on a fake clock).</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var last = time.GetTimestamp();
        lock (_sync)
        {
            _lastAt = last;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // A timer may fire a little early; wait out the rest, so ticks are never closer than the interval.
            var wait = _interval - time.GetElapsedTime(last);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            last = time.GetTimestamp();
            TaskCompletionSource<long> due;
            lock (_sync)
            {
                _count++;
                _lastAt = last;
                var slot = _count % Ring;
                due = _ticks[slot];
                _ticks[slot] = NewTick(); // now the signal of the tick a whole ring ahead
            }

            due.TrySetResult(last);
        }
    }

    private static long CeilingDivide(long value, long divisor) => divisor <= 0 ? 1 : (value + divisor - 1) / divisor;

    private static TaskCompletionSource<long>[] NewRing()
    {
        var ring = new TaskCompletionSource<long>[Ring];
        for (var i = 0; i < Ring; i++)
        {
            ring[i] = NewTick();
        }

        return ring;
    }

    private static TaskCompletionSource<long> NewTick() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
