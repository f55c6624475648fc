namespace RealtimeHub.Contracts.Games;

/// <summary>
/// The <c>games</c> object of <c>GET /stats</c>: this node's match loop since the node started. <see cref="LateTicks"/>
/// ran a whole tick period or more after they were due; <see cref="SkippedTicks"/> never ran (the loop fell more than
/// its catch-up bound behind). Tick durations (every match stepped, deltas made and handed on) are in milliseconds,
/// percentiles rounded up by at most 19 %.
/// </summary>
/// <param name="Matches">Matches this node runs now.</param>
/// <param name="Seats">Seats taken in them (players within their reconnect grace included).</param>
public sealed record GameStats(
    int Matches,
    int Seats,
    long Ticks,
    long LateTicks,
    long SkippedTicks,
    double TickP50Ms,
    double TickP99Ms,
    double TickMaxMs);
