using Microsoft.Extensions.Options;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Steps every match this node runs, all on one timer at <c>Games:TickRate</c>. The loop's clock is its count of ticks
/// against the time since it started, not a sleep per tick, so it never drifts: a wake-up that finds several ticks due
/// runs them all (catching up), at most <see cref="MaxCatchUp"/> worth; further behind than that, the excess ticks are
/// skipped and counted, and the matches' clocks slow rather than spiral. After a burst of ticks each match hands its
/// observer the deltas and scoreboard that came due during it, once. A match's own tick count is its clock.
/// </summary>
/// <remarks>
/// One loop for all matches: 125 matches cost 20 wake-ups a second, not 2,500. Each tick runs matches one after
/// another on the loop's thread; an arena tick for eight players takes microseconds. What a tick produces is handed to
/// each match's send queue (<see cref="MatchHost"/>), so writing the players' frames is not part of the tick.
/// </remarks>
public sealed class MatchLoop : BackgroundService
{
    /// <summary>The most a loop catches up after a stall; ticks further behind are skipped.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(500);

    private readonly GamesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MatchLoop> _logger;
    private readonly Lock _sync = new();
    private readonly int _stateEvery;
    private readonly int _scoreboardEvery;
    private readonly int _maxCatchUpTicks;
    private readonly DurationHistogram _durations = new();
    private HostedMatch[] _matches = [];
    private long _start;
    private long _loopTicks; // ticks run or skipped since _start
    private long _lateTicks;
    private long _skippedTicks;

    public MatchLoop(IOptions<GamesOptions> options, TimeProvider time, ILogger<MatchLoop> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _stateEvery = _options.TicksIn(_options.StateInterval);
        _scoreboardEvery = _options.TicksIn(_options.ScoreboardInterval);
        _maxCatchUpTicks = _options.TicksIn(MaxCatchUp);
        _start = time.GetTimestamp();
    }

    public Match[] Matches => Array.ConvertAll(Volatile.Read(ref _matches), m => m.Match);

    public MatchLoopStats Stats => new(
        Volatile.Read(ref _matches).Length,
        _durations.Count,
        Interlocked.Read(ref _lateTicks),
        Interlocked.Read(ref _skippedTicks),
        _durations.Percentile(0.5),
        _durations.Percentile(0.99),
        _durations.Max);

    /// <summary>Runs <paramref name="match"/> from the next tick on, handing what it produces to <paramref name="observer"/>.</summary>
    public void Add(Match match, IMatchObserver observer)
    {
        lock (_sync)
        {
            if (Array.Exists(_matches, m => m.Match.Id == match.Id))
            {
                throw new InvalidOperationException($"Match {match.Id} already runs on this loop.");
            }

            Volatile.Write(ref _matches, [.. _matches, new HostedMatch(match, observer)]);
        }
    }

    /// <summary>
    /// Stops running the match: it gets no step that has not started yet (a step under way on the loop's thread
    /// finishes). False when it was not running here.
    /// </summary>
    public bool Remove(Match match)
    {
        lock (_sync)
        {
            var hosted = Array.Find(_matches, m => m.Match == match);
            if (hosted is null)
            {
                return false;
            }

            hosted.Stopped = true;
            Volatile.Write(ref _matches, Array.FindAll(_matches, m => m != hosted));
            return true;
        }
    }

    /// <summary>Starts the clock here, not in <see cref="ExecuteAsync"/>, which runs on a thread of its own some time later.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _start = _time.GetTimestamp();
        _loopTicks = 0;
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// The loop has a thread of its own and sleeps there until the next tick is due: a kernel wait, so a tick never
    /// waits for a thread-pool thread (a timer's callback does) behind the sends the previous one handed out; on a busy
    /// node that wait made ticks late while the ticks themselves took a few milliseconds.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        do
        {
            RunDueTicks();
        }
        while (!stoppingToken.WaitHandle.WaitOne(UntilNextTick()));
    }

    /// <summary>How long until the next tick is due by the clock (never negative).</summary>
    private TimeSpan UntilNextTick()
    {
        var wait = DueAt(_loopTicks + 1) - _time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Runs every tick that is due by the clock (within the catch-up bound), then hands out what came due.</summary>
    internal void RunDueTicks()
    {
        var due = _time.GetElapsedTime(_start).Ticks * _options.TickRate / TimeSpan.TicksPerSecond;
        var behind = due - _loopTicks;
        if (behind <= 0)
        {
            return;
        }

        var matches = Volatile.Read(ref _matches);
        if (behind > _maxCatchUpTicks)
        {
            var skipped = behind - _maxCatchUpTicks;
            _loopTicks += skipped;
            Interlocked.Add(ref _skippedTicks, skipped);
            GamesLog.TicksSkipped(_logger, skipped, matches.Length);
            behind = _maxCatchUpTicks;
        }

        for (var i = 1; i <= behind; i++)
        {
            RunTick(matches, lastOfBurst: i == behind);
        }
    }

    private void RunTick(HostedMatch[] matches, bool lastOfBurst)
    {
        var started = _time.GetTimestamp();
        _loopTicks++;
        if (_time.GetElapsedTime(_start, started) - DueAt(_loopTicks) >= _options.TickPeriod)
        {
            Interlocked.Increment(ref _lateTicks);
        }

        foreach (var hosted in matches)
        {
            StepMatch(hosted);
        }

        if (lastOfBurst)
        {
            foreach (var hosted in matches)
            {
                Publish(hosted);
            }
        }

        _durations.Record(_time.GetElapsedTime(started));
    }

    private TimeSpan DueAt(long loopTick) => TimeSpan.FromTicks(loopTick * TimeSpan.TicksPerSecond / _options.TickRate);

    private void StepMatch(HostedMatch hosted)
    {
        if (hosted.Stopped)
        {
            return;
        }

        try
        {
            var finalScores = hosted.Match.Step();
            var tick = hosted.Match.Tick;
            hosted.StateDue |= tick % _stateEvery == 0;
            hosted.ScoreboardDue |= tick % _scoreboardEvery == 0;
            if (finalScores is not null)
            {
                Notify(hosted, observer => observer.RoundEnded(hosted.Match, finalScores));
            }
        }
        catch (Exception exception)
        {
            Fault(hosted, exception);
        }
    }

    private void Publish(HostedMatch hosted)
    {
        if (hosted.Stopped)
        {
            return;
        }

        try
        {
            if (hosted.StateDue)
            {
                hosted.StateDue = false;
                var deltas = hosted.Match.CollectDeltas();
                Notify(hosted, observer => observer.StateReady(hosted.Match, deltas));
            }

            if (hosted.ScoreboardDue)
            {
                hosted.ScoreboardDue = false;
                var scores = hosted.Match.Scores();
                Notify(hosted, observer => observer.ScoreboardReady(hosted.Match, scores));
            }
        }
        catch (Exception exception)
        {
            Fault(hosted, exception);
        }
    }

    private void Fault(HostedMatch hosted, Exception exception)
    {
        Remove(hosted.Match);
        GamesLog.MatchFaulted(_logger, hosted.Match.Id, hosted.Match.Kind.Name, hosted.Match.Tick, exception);
        Notify(hosted, observer => observer.Faulted(hosted.Match, exception));
    }

    /// <summary>Calls the observer; its failure is logged and the match goes on (a broken sender must not stop the game).</summary>
    private void Notify(HostedMatch hosted, Action<IMatchObserver> call)
    {
        try
        {
            call(hosted.Observer);
        }
        catch (Exception exception)
        {
            GamesLog.ObserverFailed(_logger, hosted.Match.Id, hosted.Match.Tick, exception);
        }
    }
}
