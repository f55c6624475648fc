using System.CommandLine;
using System.Text.Json;
using RealtimeHub.Cli.Bench;
using RealtimeHub.Cli.Bench.Wire;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Bench;

/// <summary>The <c>bench</c> command run in-process against a real node, at rates a test machine copes with.</summary>
public sealed class BenchCommandTests : IAsyncLifetime
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync(new HubNodeOptions
    {
        // As bench/stacks/realtimehub.sh starts nodes: the per-connection limit is lifted.
        Settings = { ["Chat:RateLimit:PerSecond"] = "1000000", ["Chat:RateLimit:Burst"] = "1000000" },
    });

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task TokensTheGeneratorMintsAreAcceptedByTheHub()
    {
        var token = new TokenMinter(TestAuth.SigningKey).Mint("minted");

        await using var socket = await HubSocket.ConnectAsync(_node.BaseUri, token);
        var snapshot = JsonDocument.Parse(await socket.InvokeAsync("JoinRoom", Unique.Name("room"))).RootElement;

        Assert.Equal("minted", snapshot.GetProperty("members")[0].GetProperty("userId").GetString());
    }

    [Fact]
    public async Task EchoWritesOneResultLinePerStepInTheSharedSchema()
    {
        var exitCode = await InvokeAsync("--scenario", "echo", "--connections", "5", "--rates", "100,200", "--step-seconds", "0.5", "--quick");

        Assert.Equal(BenchCommand.Succeeded, exitCode);
        var records = Records();
        // A step that misses its goal is retried once (as the Socket.IO generator does), so a loaded machine may repeat one.
        // The ladder climbs 100 → 200 only while p99 stays under the goal; when 200 fails it ends with one step at the
        // geometric mean of the last pass and the failure (141), so a loaded machine may show any of the three.
        var rates = records.Select(r => r.GetProperty("rate").GetDouble()).ToList();
        Assert.Equal(100.0, rates[0]);
        Assert.All(rates, rate => Assert.Contains(rate, new[] { 100.0, 141.0, 200.0 }));
        foreach (var record in records)
        {
            Assert.Equal(("realtimehub-bench/1", "realtimehub", "echo"), (Text(record, "schema"), Text(record, "stack"), Text(record, "scenario")));
            Assert.Equal(0, record.GetProperty("lost").GetInt64());
            Assert.Equal(record.GetProperty("sent").GetInt64(), record.GetProperty("acked").GetInt64());
            Assert.True(record.GetProperty("p99Ms").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task FanoutCountsEveryDeliveryToEveryMemberIncludingTheSender()
    {
        var exitCode = await InvokeAsync("--scenario", "fanout", "--variant", "room50", "--rates", "2000", "--step-seconds", "0.5", "--quick");

        Assert.Equal(BenchCommand.Succeeded, exitCode);

        // A step that misses its latency goal on a loaded machine is run once more: every record must still count right.
        var records = Records();
        Assert.InRange(records.Count, 1, 2);
        foreach (var record in records)
        {
            AssertEveryDeliveryCounted(record);
        }
    }

    private static void AssertEveryDeliveryCounted(JsonElement record)
    {
        var acked = record.GetProperty("acked").GetInt64();
        Assert.Equal(40, record.GetProperty("rate").GetDouble()); // 2,000 deliveries/s in rooms of 50
        Assert.Equal(record.GetProperty("sent").GetInt64(), acked);
        Assert.Equal(acked * 50, record.GetProperty("delivered").GetInt64());
        Assert.Equal((0L, 0L), (record.GetProperty("lost").GetInt64(), record.GetProperty("duplicates").GetInt64()));
    }

    [Fact]
    public async Task IdleReportsTheConnectRateAndMemoryPerConnectionOfTheGivenProcess()
    {
        var exitCode = await InvokeAsync("--scenario", "idle", "--connections", "100", "--quick", "--pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(BenchCommand.Succeeded, exitCode);
        var record = Assert.Single(Records());
        Assert.Equal((100L, 0L), (record.GetProperty("acked").GetInt64(), record.GetProperty("errors").GetInt64()));
        Assert.True(record.GetProperty("connectPerSec").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, record.GetProperty("bytesPerConnection").ValueKind);
    }

    [Fact]
    public async Task FeedsMeasuresWatchersAtTheirRateWhileOneOfThemPausesAndCatchesUpAfterwards()
    {
        var exitCode = await InvokeAsync("--scenario", "feeds", "--connections", "10", "--instruments", "20", "--rate", "400",
            "--warmup-seconds", "0.5", "--step-seconds", "2", "--pause-seconds", "1", "--api-key", TestAuth.ApiKey,
            "--pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(BenchCommand.Succeeded, exitCode);
        var record = Assert.Single(Records());
        Assert.Equal(("feeds", 10, 20), (Text(record, "scenario"), record.GetProperty("connections").GetInt32(), record.GetProperty("instruments").GetInt32()));
        Assert.Equal((0L, 0L), (record.GetProperty("errors").GetInt64(), record.GetProperty("watchErrors").GetInt64()));
        Assert.True(record.GetProperty("sent").GetInt64() > 0);
        // 20 instruments at 20 updates/s each, watched at 2/s: at most 5 deliveries per key sent in the 2 s window
        // (both edges; one more may be received in it when the network delays the one before), so about 50 updates per
        // watcher per second where 400 are published for its instruments (counted by answers within the window, so a
        // slow machine's late answers may add some from before it).
        Assert.InRange(record.GetProperty("updatesPerWatcherPerSec").GetDouble(), 1, 60);
        Assert.InRange(record.GetProperty("publishedPerWatcherPerSec").GetDouble(), 100, 800);
        Assert.True(record.GetProperty("bytesPerWatcherPerSec").GetDouble() > 0);
        Assert.True(record.GetProperty("p99Ms").GetDouble() > 0);
        Assert.True(record.GetProperty("pauseSamples").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, record.GetProperty("pauseRssGrowthBytes").ValueKind);
        Assert.Equal(JsonValueKind.Number, record.GetProperty("pausedCatchUpMs").ValueKind);
    }

    [Fact]
    public async Task FeedsWithoutAnApiKeyFailsBeforeAnythingConnects()
    {
        var exitCode = await InvokeAsync("--scenario", "feeds", "--connections", "2", "--api-key", "");

        Assert.Equal(BenchCommand.Failed, exitCode);
        Assert.Contains("--api-key", _error.ToString());
    }

    [Fact]
    public async Task WithoutJsonTheResultsAreASummaryTableInstead()
    {
        var exitCode = await InvokeAsync(json: false, "--scenario", "echo", "--connections", "2", "--rates", "50", "--step-seconds", "0.3", "--quick");

        Assert.Equal(BenchCommand.Succeeded, exitCode);
        Assert.DoesNotContain("realtimehub-bench/1", _output.ToString());
        Assert.Contains("p99 ms", _output.ToString());
    }

    [Fact]
    public async Task AMissingSigningKeyIsAnErrorBeforeAnythingConnects()
    {
        var exitCode = await InvokeAsync("--scenario", "echo", "--signing-key", "");

        Assert.Equal(BenchCommand.Failed, exitCode);
        Assert.Contains("SIGNING_KEY", _error.ToString());
    }

    private static string? Text(JsonElement record, string name) => record.GetProperty(name).GetString();

    private List<JsonElement> Records() =>
        [.. _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    private Task<int> InvokeAsync(params string[] args) => InvokeAsync(json: true, args);

    private Task<int> InvokeAsync(bool json, params string[] args)
    {
        string[] common = ["bench", "--server", _node.BaseUri.ToString(), .. json ? new[] { "--json" } : []];
        if (!args.Contains("--signing-key"))
        {
            common = [.. common, "--signing-key", TestAuth.SigningKey];
        }

        var root = new RootCommand { BenchCommand.Create() };
        var configuration = new InvocationConfiguration { Output = _output, Error = _error, ProcessTerminationTimeout = null };
        return root.Parse([.. common, .. args]).InvokeAsync(configuration).WaitAsync(TimeSpan.FromMinutes(2));
    }
}
