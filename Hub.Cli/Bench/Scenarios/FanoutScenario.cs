using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// (3) <c>fanout</c>: rooms on one node; (4) <c>fanout-redis</c>: the same members spread round-robin over every
/// --server (two nodes sharing one Redis). Variants: room50 (20 rooms of 50) and room1000 (one room). Each message is
/// sent by a member of its room (rotating), so senders sit on every node; every member, the sender included, must
/// receive it exactly once. Latency runs from the scheduled send time to each delivery. Goal: the highest
/// deliveries/s with p99 &lt; 100 ms and nothing lost.
/// </summary>
internal static class FanoutScenario
{
    public const double GoalP99Ms = 100;

    public static readonly IReadOnlyDictionary<string, (int RoomSize, int Rooms)> Variants = new Dictionary<string, (int, int)>
    {
        ["room50"] = (50, 20),
        ["room1000"] = (1000, 1),
    };

    public static async Task RunAsync(BenchContext ctx)
    {
        var variants = ctx.Settings.Variant is { } only ? [only] : Variants.Keys.ToArray();
        var servers = ctx.Settings.Scenario == "fanout" ? ctx.Settings.Servers.Take(1).ToArray() : [.. ctx.Settings.Servers];
        if (ctx.Settings.Scenario == "fanout-redis" && servers.Length < 2)
        {
            throw new ArgumentException("fanout-redis needs two --server");
        }

        using var redis = ctx.Settings.Redis.Count > 0 ? new RedisShards(ctx.Settings.Redis) : null;
        foreach (var variant in variants)
        {
            await new FanoutVariantRun(ctx, variant, servers, redis).RunAsync();
        }
    }
}
