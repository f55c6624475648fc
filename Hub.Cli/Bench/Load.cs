namespace RealtimeHub.Cli.Bench;

/// <summary>
/// The load rules both generators share (bench/socketio/lib/load.js): the ~200-byte payload, stepped rate ladders
/// with one retry and one refining step, drain limits, bounded-concurrency connecting.
/// </summary>
internal static class Load
{
    /// <summary>200 printable bytes without quotes, so raw-frame field extraction stays trivial.</summary>
    public static readonly string Payload = new string('x', 160) + " realtimehub-bench payload 0123456789abc"[..40];

    /// <summary>A geometric ladder of rates from <paramref name="first"/> while at or below <paramref name="max"/>.</summary>
    public static IReadOnlyList<double> Ladder(double first, double factor, double max)
    {
        var rates = new List<double>();
        for (var rate = first; rate <= max; rate *= factor)
        {
            rates.Add(Math.Round(rate, MidpointRounding.AwayFromZero));
        }

        return rates;
    }

    /// <summary>
    /// The unmeasured first step: at least 15 s on the fresh servers, so both runtimes have compiled their hot paths
    /// before a step counts (a .NET node was still compiling tier-1 code 15-20 s after it started; bench/FINDINGS.md).
    /// </summary>
    public static double WarmUpMs(double stepMs) => Math.Max(stepMs / 2, 15000);

    /// <summary>Drain limits for stepped scenarios: quick 300 ms idle / 3 s max, full 1 s / 10 s.</summary>
    public static DrainLimits StepDrain(bool quick) => quick ? new(300, 3000) : new(1000, 10000);

    /// <summary>
    /// Runs steps at rising rates until one fails on every attempt (a failed step is run again at the same rate, since a
    /// shared machine has hiccups; the later record supersedes the earlier): full runs give a rate three attempts, quick
    /// runs two, and only while no step has passed yet. Then one step at the geometric mean of the last passing and the
    /// failing rate.
    /// </summary>
    public static async Task RunStepsAsync(IReadOnlyList<double> rates, Func<double, int, Task<BenchRecord>> runStep, Func<BenchRecord, bool> passes, bool quick)
    {
        double? lastPass = null;
        var step = 0;
        foreach (var rate in rates)
        {
            var attempts = quick ? (lastPass is null ? 2 : 1) : 3;
            var passed = false;
            for (var attempt = 0; attempt < attempts && !passed; attempt++)
            {
                passed = passes(await runStep(rate, step++));
            }

            if (passed)
            {
                lastPass = rate;
                continue;
            }

            if (lastPass is { } pass)
            {
                var middle = Math.Round(Math.Sqrt(pass * rate), MidpointRounding.AwayFromZero);
                if (middle > pass && middle < rate)
                {
                    await runStep(middle, step);
                }
            }

            return;
        }
    }

    /// <summary>
    /// Waits for the replies of a step: until <paramref name="done"/>, or <paramref name="progress"/> stayed the same
    /// for the idle limit, or the max limit passed. What is still missing then counts as lost.
    /// </summary>
    public static async Task<bool> DrainAsync(Func<bool> done, Func<long> progress, DrainLimits limits)
    {
        var started = Measuring.Clock.Now;
        var last = progress();
        var lastChange = started;
        while (!done())
        {
            if (Measuring.Clock.ElapsedMs(lastChange) > limits.IdleMs || Measuring.Clock.ElapsedMs(started) > limits.MaxMs)
            {
                return false;
            }

            await Task.Delay(10);
            var current = progress();
            if (current != last)
            {
                last = current;
                lastChange = Measuring.Clock.Now;
            }
        }

        return true;
    }

    /// <summary>Resolves when <paramref name="done"/> holds (polled every 10 ms) or after the timeout.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var started = Measuring.Clock.Now;
        while (!done() && Measuring.Clock.ElapsedMs(started) < timeout.TotalMilliseconds)
        {
            await Task.Delay(10);
        }

        return done();
    }

    /// <summary>Runs <paramref name="open"/> for 0..count-1 with at most <paramref name="concurrency"/> in flight; results in order.</summary>
    public static async Task<T[]> InParallelAsync<T>(int count, int concurrency, Func<int, Task<T>> open)
    {
        var results = new T[count];
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results[i] = await open(i).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Worker())).ConfigureAwait(false);
        return results;
    }
}
