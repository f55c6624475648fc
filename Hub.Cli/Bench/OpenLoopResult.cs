using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench;

/// <summary>How an open-loop window went: sends made, its clock bounds, and how late the timer fired.</summary>
internal sealed record OpenLoopResult(int Sent, long StartedAt, long EndedAt, Histogram Lag)
{
    public double WindowMs => Clock.Ms(EndedAt - StartedAt);
}
