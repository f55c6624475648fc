namespace RealtimeHub.Server.Games;

/// <summary>
/// How a <see cref="MatchLoop"/> keeps time since it started. <see cref="LateTicks"/> ran a whole tick or more after
/// they were due (catching up); <see cref="SkippedTicks"/> never ran, because the loop fell further behind than it
/// catches up (its matches' clocks slowed by that much). Durations are of whole loop ticks (every match stepped, deltas
/// made and handed to observers), as percentiles rounded up to at most 19 %.
/// </summary>
public sealed record MatchLoopStats(
    int Matches,
    long Ticks,
    long LateTicks,
    long SkippedTicks,
    TimeSpan TickP50,
    TimeSpan TickP99,
    TimeSpan TickMax);
