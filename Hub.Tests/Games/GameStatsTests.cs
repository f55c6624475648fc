using System.Text.Json;
using RealtimeHub.Tests.Diagnostics;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>The match loop's figures in <c>/stats</c> (the <c>games</c> object) and on the <c>RealtimeHub</c> meter.</summary>
public sealed class GameStatsTests(GameEmbeddedCluster cluster) : IClassFixture<GameEmbeddedCluster>
{
    private HubNode Node => cluster.Nodes[0];

    [Fact]
    public async Task StatsAndTheMeterReportTheRunningMatchItsSeatsAndTicks()
    {
        await using var alice = await GameProbe.ConnectAsync(Node, Unique.Name("alice"));
        await alice.FindMatchAsync();
        using var http = Node.CreateHttpClient();
        using var metrics = MetricRecorder.Start(Node);

        var first = await GamesAsync(http);
        JsonElement later = default;
        await Poll.UntilAsync(async () => (later = await GamesAsync(http)).GetProperty("ticks").GetInt64() > first.GetProperty("ticks").GetInt64(), "ticks going on");

        Assert.Equal((1, 1), (later.GetProperty("matches").GetInt32(), later.GetProperty("seats").GetInt32()));
        // Late and skipped ticks depend on how busy the machine is; here only that they are counted among the ticks.
        Assert.InRange(later.GetProperty("lateTicks").GetInt64(), 0, later.GetProperty("ticks").GetInt64());
        Assert.True(later.GetProperty("skippedTicks").ValueKind == JsonValueKind.Number);
        var (p50, p99, max) = (later.GetProperty("tickP50Ms").GetDouble(), later.GetProperty("tickP99Ms").GetDouble(), later.GetProperty("tickMaxMs").GetDouble());
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max, $"p50 {p50}, p99 {p99}, max {max}");
        Assert.Equal(1, metrics.Observe("realtimehub.games.matches"));
        Assert.Equal(1, metrics.Observe("realtimehub.games.seats"));
        Assert.True(metrics.Observe("realtimehub.games.ticks") >= later.GetProperty("ticks").GetInt64());
    }

    private static async Task<JsonElement> GamesAsync(HttpClient http)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync("stats"));
        Assert.True(stats.RootElement.GetProperty("connections").GetInt32() >= 1, "the existing fields are still there");
        return stats.RootElement.GetProperty("games").Clone();
    }
}
