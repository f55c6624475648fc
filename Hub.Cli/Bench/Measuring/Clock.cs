using System.Diagnostics;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>The generator's one clock: send schedules and receipts are both read from it.</summary>
internal static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double ElapsedMs(long from) => (Stopwatch.GetTimestamp() - from) * 1000.0 / Stopwatch.Frequency;

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static long FromMs(double ms) => (long)(ms * Stopwatch.Frequency / 1000.0);
}
