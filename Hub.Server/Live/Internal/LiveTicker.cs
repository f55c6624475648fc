using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// The node's one clock for every watch: a tick at most every <see cref="LiveOptions.BatchInterval"/>, never two
/// closer than that, each carrying its timestamp. A watch yields at most one item per tick, so it never gets two
/// batches within one interval, and watches of a node wake together instead of each running a timer of its own.
/// </summary>
internal sealed class LiveTicker(IOptions<LiveOptions> options, TimeProvider time) : BackgroundService
{
    private readonly TimeSpan _interval = options.Value.BatchInterval;
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long IntervalTicks => (long)(_interval.TotalSeconds * time.TimestampFrequency);

    /// <summary>The timestamp of the next tick, once it comes.</summary>
    public Task<long> NextTickAsync(CancellationToken cancellationToken) => Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The ticking loop; its first wait starts before this returns (tests drive it on a fake clock).</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var last = time.GetTimestamp();
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
            Interlocked.Exchange(ref _next, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(last);
        }
    }
}
