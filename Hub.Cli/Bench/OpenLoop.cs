using System.Diagnostics;
using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench;

/// <summary>
/// Fires <c>fire(i, scheduledAt)</c> at a fixed rate on a timer that never waits for replies (open loop). Latency is
/// taken from the scheduled time, so a late generator or a stalled server shows as latency instead of quietly
/// lowering the offered load (no coordinated omission). Runs on a thread of its own and never spins: it sleeps until the
/// next send is due (at least 1 ms, the timer's grain), then sends everything due, so at high rates messages leave in
/// 1 ms batches and the generator's CPU goes to sending, not to waiting (bench/socketio/lib/load.js does the same).
/// </summary>
internal static class OpenLoop
{
    public static Task<OpenLoopResult> RunAsync(double rate, TimeSpan duration, Action<int, long> fire)
    {
        var done = new TaskCompletionSource<OpenLoopResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Run(rate, duration, fire));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "open-loop", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return done.Task;
    }

    private static OpenLoopResult Run(double rate, TimeSpan duration, Action<int, long> fire)
    {
        var total = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds, MidpointRounding.AwayFromZero));
        var interval = Stopwatch.Frequency / rate;
        var lag = new Histogram();
        var start = Clock.Now;
        var i = 0;
        while (true)
        {
            var now = Clock.Now;
            while (i < total)
            {
                var at = start + (long)(i * interval);
                if (at > now)
                {
                    break;
                }

                lag.RecordMs(Clock.Ms(now - at));
                fire(i, at);
                i++;
            }

            if (i >= total)
            {
                return new OpenLoopResult(total, start, Clock.Now, lag);
            }

            var untilNextMs = Clock.Ms(start + (long)(i * interval) - Clock.Now);
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, untilNextMs)));
        }
    }
}
