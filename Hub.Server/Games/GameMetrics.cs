using System.Diagnostics.Metrics;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Diagnostics;

namespace RealtimeHub.Server.Games;

/// <summary>
/// This node's match loop (<see cref="MatchLoopStats"/>) for <c>/stats</c> (<see cref="Snapshot"/>) and as instruments on
/// the <c>RealtimeHub</c> meter, read when a listener collects: <c>realtimehub.games.matches</c>,
/// <c>realtimehub.games.seats</c>, <c>realtimehub.games.ticks</c>, <c>realtimehub.games.ticks.late</c>,
/// <c>realtimehub.games.ticks.skipped</c> and <c>realtimehub.games.tick.duration</c> (seconds, tagged
/// <c>statistic</c> = p50, p99 or max since start).
/// </summary>
public sealed class GameMetrics
{
    private readonly MatchLoop _loop;

    public GameMetrics(MatchLoop loop, IMeterFactory meterFactory)
    {
        _loop = loop;
        // The factory hands out one meter per name, so these sit beside HubMetrics' instruments (which owns its disposal).
        var meter = meterFactory.Create(HubMetrics.MeterName);
        meter.CreateObservableUpDownCounter("realtimehub.games.matches", () => (long)_loop.Stats.Matches, "{match}", "Matches this node runs.");
        meter.CreateObservableUpDownCounter("realtimehub.games.seats", () => (long)Seats(), "{seat}", "Seats taken in this node's matches, players within their reconnect grace included.");
        meter.CreateObservableCounter("realtimehub.games.ticks", () => _loop.Stats.Ticks, "{tick}", "Ticks the match loop ran.");
        meter.CreateObservableCounter("realtimehub.games.ticks.late", () => _loop.Stats.LateTicks, "{tick}", "Ticks that ran a whole tick period or more late.");
        meter.CreateObservableCounter("realtimehub.games.ticks.skipped", () => _loop.Stats.SkippedTicks, "{tick}", "Ticks skipped because the loop fell too far behind.");
        meter.CreateObservableGauge("realtimehub.games.tick.duration", TickDurations, "s", "Duration of a match loop tick since start: p50, p99 and max.");
    }

    public GameStats Snapshot()
    {
        var stats = _loop.Stats;
        return new GameStats(
            stats.Matches, Seats(), stats.Ticks, stats.LateTicks, stats.SkippedTicks,
            Ms(stats.TickP50), Ms(stats.TickP99), Ms(stats.TickMax));
    }

    private int Seats() => _loop.Matches.Sum(m => m.SeatCount);

    private IEnumerable<Measurement<double>> TickDurations()
    {
        var stats = _loop.Stats;
        yield return new Measurement<double>(stats.TickP50.TotalSeconds, new KeyValuePair<string, object?>("statistic", "p50"));
        yield return new Measurement<double>(stats.TickP99.TotalSeconds, new KeyValuePair<string, object?>("statistic", "p99"));
        yield return new Measurement<double>(stats.TickMax.TotalSeconds, new KeyValuePair<string, object?>("statistic", "max"));
    }

    private static double Ms(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}
