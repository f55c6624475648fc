using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// One <c>feeds</c> run: the watchers (raw WebSockets on <c>/hubs/live</c>, watcher 0 the one paused later), the
/// publisher, and the window that receive loops record into.
/// </summary>
internal sealed class FeedsRun(BenchContext ctx, FeedsSizes sizes, string apiKey)
{
    private const int Paused = 0;
    private readonly FeedsLayout _layout = new(sizes.Instruments);
    private readonly long _epoch = Clock.Now;
    private volatile FeedsWindow? _window;
    private long _snapshots;
    private long _watchErrors;
    private long _resumedAt;
    private long _caughtUpAt;

    public async Task RunAsync()
    {
        var watchers = await ConnectAsync();
        using var keepAlive = new KeepAlive(watchers);
        using var publisher = new FeedsPublisher(ctx.Settings.Servers, apiKey, _layout, sizes.UpdatesPerSecond, _epoch, ctx.Log);
        using var stop = new CancellationTokenSource();
        var publishing = publisher.RunAsync(stop.Token);
        ctx.Log($"publishing {sizes.UpdatesPerSecond}/s; warm-up {sizes.WarmUpMs / 1000} s");
        await Task.Delay(TimeSpan.FromMilliseconds(sizes.WarmUpMs));

        var others = watchers[1..];
        var steady = await MeasureAsync(others, publisher, sizes.WindowMs);
        var rss = ctx.Settings.Pids.Select(pid => ProcStats.RssBytes(pid)).ToArray();
        ctx.Log($"steady: p50 {steady.Latency.P50Ms} p99 {steady.Latency.P99Ms} ms, {PerWatcherPerSecond(steady.Bytes, steady):N0} B and " +
            $"{PerWatcherPerSecond(steady.Updates, steady):N1} updates per watcher per s, cpu server {steady.ServerCpu} gen {steady.LoadgenCpu}");

        var pause = await PauseAsync(watchers[Paused], others, publisher);
        ctx.Log($"pause: others' p99 {pause.Others.Latency.P99Ms} ms, paused node RSS {pause.RssBefore / 1048576.0:N1} → {pause.RssAfter / 1048576.0:N1} MiB " +
            $"(peak {pause.RssPeak / 1048576.0:N1}), kernel held {pause.KernelQueuedBytes:N0} B, caught up after {pause.CatchUpMs:N0} ms");

        await stop.CancelAsync();
        await publishing;
        await Load.WaitUntilAsync(() => publisher.InFlight == 0, TimeSpan.FromSeconds(3));
        var lost = Interlocked.Read(ref _watchErrors) + others.Count(watcher => !watcher.IsOpen);
        ctx.Emit(FeedsRecord.Build(ctx, sizes, steady, pause, rss, publisher, lost));
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }

        await Task.Delay(300);
    }

    private double PerWatcherPerSecond(long total, FeedsWindowResult window) => total / (double)(sizes.Watchers - 1) / (window.DurationMs / 1000);

    /// <summary>Connects every watcher (round-robin over the nodes), starts its watch, and waits for every snapshot.</summary>
    private async Task<HubSocket[]> ConnectAsync()
    {
        var servers = ctx.Settings.Servers;
        HubSocket[] watchers;
        using (ctx.Progress.Status(() => $"{Interlocked.Read(ref _snapshots)}/{sizes.Watchers} watching"))
        {
            watchers = await Load.InParallelAsync(sizes.Watchers, 100, async i =>
            {
                var options = new HubSocketOptions { Path = HubRoutes.Live, OnStreamItem = record => OnItem(i, record), CountBytes = true };
                var socket = await HubSocket.ConnectAsync(servers[i % servers.Count], ctx.Tokens.Mint($"feed{i}"), options);
                socket.Stream("Watch", _layout.WatchArguments(i), (record, isError) => WatchEnded(i, record, isError));
                return socket;
            });
            if (!await Load.WaitUntilAsync(() => Interlocked.Read(ref _snapshots) >= sizes.Watchers, TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"only {Interlocked.Read(ref _snapshots)} of {sizes.Watchers} watches started");
            }
        }

        ctx.Log($"{sizes.Watchers} watchers on {servers.Count} node(s), {FeedsLayout.KeysPerWatcher} of {sizes.Instruments} instruments each at {FeedsLayout.MaxPerSecond}/s");
        return watchers;
    }

    private async Task<FeedsWindowResult> MeasureAsync(HubSocket[] others, FeedsPublisher publisher, double durationMs)
    {
        var window = new FeedsWindow(ctx.Settings.Pids, others, publisher);
        _window = window;
        await Task.Delay(TimeSpan.FromMilliseconds(durationMs));
        _window = null;
        return window.Close();
    }

    /// <summary>Stops reading one watcher for the pause while the others are measured, then reads it again until it is fresh.</summary>
    private async Task<FeedsPauseResult> PauseAsync(HubSocket paused, HubSocket[] others, FeedsPublisher publisher)
    {
        var pids = ctx.Settings.Pids;
        long? Rss(int node) => node < pids.Count ? ProcStats.RssBytes(pids[node]) : null;
        var (before, controlBefore) = (Rss(0), Rss(1));
        var peak = before;
        paused.Pause();
        var measuring = MeasureAsync(others, publisher, sizes.PauseMs);
        while (!measuring.IsCompleted)
        {
            await Task.WhenAny(measuring, Task.Delay(1000));
            peak = Max(peak, Rss(0));
        }

        var othersWindow = await measuring;
        var (after, controlAfter) = (Rss(0), Rss(1));
        var queued = TcpQueues.QueuedBytes(paused.LocalPort, ctx.Settings.Servers[0].Port);
        var bytesAtResume = paused.BytesRead;
        Interlocked.Exchange(ref _resumedAt, Clock.Now);
        paused.Resume();
        await Load.WaitUntilAsync(() => Interlocked.Read(ref _caughtUpAt) != 0, TimeSpan.FromMilliseconds(sizes.ResumeMs));
        // A closed connection shows only once its queued bytes are read, so only after resuming.
        var closed = !paused.IsOpen;
        var caughtUp = Interlocked.Read(ref _caughtUpAt);
        double? catchUpMs = caughtUp == 0 ? null : Math.Round(Clock.Ms(caughtUp - _resumedAt));
        return new FeedsPauseResult(othersWindow, before, peak, after, controlBefore, controlAfter, queued, closed, catchUpMs, paused.BytesRead - bytesAtResume);
    }

    private static long? Max(long? a, long? b) => a is { } x && b is { } y ? Math.Max(x, y) : a ?? b;

    // Runs on the watcher's receive loop.
    private void OnItem(int watcher, ReadOnlySpan<byte> record)
    {
        if (FeedTimestamps.IsSnapshot(record))
        {
            Interlocked.Increment(ref _snapshots);
            return;
        }

        var nowMs = Clock.ElapsedMs(_epoch);
        var timestamps = new FeedTimestamps(record);
        if (watcher == Paused)
        {
            while (Interlocked.Read(ref _resumedAt) != 0 && Interlocked.Read(ref _caughtUpAt) == 0 && timestamps.TryNext(out var t))
            {
                if (nowMs - t < FeedsScenario.GoalP99Ms)
                {
                    Interlocked.CompareExchange(ref _caughtUpAt, Clock.Now, 0);
                }
            }

            return;
        }

        if (_window is { } window)
        {
            while (timestamps.TryNext(out var t))
            {
                window.Latency.RecordMs(nowMs - t);
            }
        }
    }

    // The paused watcher's fate is reported on its own (pausedClosed).
    private void WatchEnded(int watcher, ReadOnlySpan<byte> record, bool isError)
    {
        if (watcher != Paused && Interlocked.Increment(ref _watchErrors) == 1)
        {
            ctx.Log($"a watch ended: {(isError ? HubFrames.ErrorText(record) : "completed by the server")}");
        }
    }
}
