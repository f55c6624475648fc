namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// The sizes of a <c>feeds</c> run (bench/run.sh passes them to both generators). Full: 5,000 watchers, 500 instruments,
/// 10,000 updates/s, a 30 s window, a 60 s pause. Quick: 1,000 watchers, 100 instruments, 2,000 updates/s (still 20 per
/// instrument and 200 watchers per instrument, so each watcher's load is the full run's), a 10 s window, a 20 s pause.
/// </summary>
internal sealed record FeedsSizes(int Watchers, int Instruments, double UpdatesPerSecond, double WarmUpMs, double WindowMs, double PauseMs, double ResumeMs)
{
    public static FeedsSizes From(BenchSettings settings)
    {
        var quick = settings.Quick;
        var windowMs = (settings.StepSeconds ?? (quick ? 10 : 30)) * 1000;
        return new FeedsSizes(
            settings.Connections ?? (quick ? 1000 : 5000),
            settings.Instruments ?? (quick ? 100 : 500),
            settings.Rate ?? (quick ? 2000 : 10000),
            settings.WarmUpSeconds is { } warmUp ? warmUp * 1000 : Load.WarmUpMs(windowMs),
            windowMs,
            (settings.PauseSeconds ?? (quick ? 20 : 60)) * 1000,
            quick ? 5000 : 10000);
    }
}
