namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>One Redis server's counters at one moment: PUBLISH + SPUBLISH calls and CPU seconds.</summary>
internal readonly record struct RedisSample(long Publishes, double CpuSeconds)
{
    public static RedisSample operator -(RedisSample after, RedisSample before) =>
        new(after.Publishes - before.Publishes, after.CpuSeconds - before.CpuSeconds);
}
