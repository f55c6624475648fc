using System.CommandLine;
using System.Text.Json;
using RealtimeHub.Cli.Games;
using RealtimeHub.Tests.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary><c>Hub.Cli bots</c> invoked in-process against a real node (seats of four), its <c>--json</c> output parsed.</summary>
public sealed class BotsCommandTests(GameEmbeddedCluster cluster) : IClassFixture<GameEmbeddedCluster>
{
    private readonly LineWriter _output = new();

    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task BotsFillMatchesAndReportTheirSeatsInputLatencyStatesAndBytes(string protocol)
    {
        var exitCode = await InvokeAsync(
            "bots", "--url", cluster.Nodes[0].BaseUri.ToString(), "--count", "8", "--protocol", protocol, "--input-rate", "10", "--duration", "3", "--json", "--progress");

        Assert.Equal(0, exitCode);
        var lines = _output.Lines.Snapshot().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("type").GetString());
        Assert.Contains(lines.SkipLast(1), line => line.GetProperty("type").GetString() == "progress" && line.GetProperty("measuring").GetBoolean());
        Assert.Equal((8, 8, 8, protocol), (summary.GetProperty("bots").GetInt32(), summary.GetProperty("connected").GetInt32(), summary.GetProperty("seated").GetInt32(), summary.GetProperty("protocol").GetString()));
        Assert.InRange(summary.GetProperty("matches").GetInt32(), 8 / GameSettings.Seats, 8);
        Assert.Equal(0, summary.GetProperty("errors").GetInt64());
        Assert.InRange(summary.GetProperty("inputsSent").GetInt64(), 8 * 10 * 2, 8 * 10 * 4);
        var latency = summary.GetProperty("inputToDelta");
        Assert.True(latency.GetProperty("samples").GetInt64() > 8 * 10);
        Assert.InRange(latency.GetProperty("p50Ms").GetDouble(), 0.001, 1_000);
        Assert.InRange(summary.GetProperty("statesPerPlayerPerSecond").GetDouble(), 5, 15); // Games:StateInterval 100 ms
        Assert.InRange(summary.GetProperty("bytesPerPlayerPerSecond").GetDouble(), 100, 1_000_000);
    }

    [Fact]
    public async Task BotsPlayThroughTheWarmUpUnmeasuredAndThenMeasureOnlyTheWindow()
    {
        var exitCode = await InvokeAsync(
            "bots", "--url", cluster.Nodes[0].BaseUri.ToString(), "--count", "4", "--warmup", "3", "--duration", "2", "--json", "--progress");

        Assert.Equal(0, exitCode);
        var lines = _output.Lines.Snapshot().Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var summary = lines[^1];
        // A ramp of four bots takes well under the warm-up, so the unmeasured progress lines are the warm-up's.
        Assert.True(lines.Count(line => line.GetProperty("type").GetString() == "progress" && !line.GetProperty("measuring").GetBoolean()) >= 2);
        Assert.InRange(summary.GetProperty("windowSeconds").GetDouble(), 1.9, 3.5);
        Assert.True(summary.GetProperty("elapsedSeconds").GetDouble() - summary.GetProperty("windowSeconds").GetDouble() >= 3);
        Assert.InRange(summary.GetProperty("inputsSent").GetInt64(), 4 * 10 * 1, 4 * 10 * 3); // the window's inputs only, not the warm-up's
        Assert.Equal(4, summary.GetProperty("seated").GetInt32());
    }

    [Fact]
    public async Task ANegativeWarmUpIsRefused()
    {
        var exitCode = await InvokeAsync("bots", "--url", cluster.Nodes[0].BaseUri.ToString(), "--warmup", "-1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(_output.Lines.Snapshot(), line => line.Contains("--warmup must be 0 seconds or more.", StringComparison.Ordinal));
    }

    [Fact]
    public void BotsSendTheirInputsSpreadOverTheInputPeriodNotAllAtOnce()
    {
        var period = TimeSpan.FromSeconds(1.0 / 10);
        var phases = Enumerable.Range(0, 1000).Select(seed => Bot.InputPhase(seed, 10)).ToList();

        Assert.All(phases, phase => Assert.InRange(phase, TimeSpan.Zero, period));
        // Every tenth of the period holds about a tenth of the bots.
        var perTenth = phases.GroupBy(phase => (int)(phase / period * 10)).Select(g => g.Count()).ToList();
        Assert.Equal(10, perTenth.Count);
        Assert.All(perTenth, count => Assert.InRange(count, 90, 110));
    }

    private Task<int> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { BotsCommand.Create() };
        var configuration = new InvocationConfiguration { Output = _output, Error = _output, ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(configuration).WaitAsync(TestTimeouts.Reconnect);
    }
}
