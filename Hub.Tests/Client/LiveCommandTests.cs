using System.CommandLine;
using System.Text.Json;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Cli.Live;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>The CLI's <c>publish-feed</c> and <c>watch</c> commands, parsed and invoked in-process against a real node.</summary>
public sealed class LiveCommandTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly string _feed = Unique.Name("quotes");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task PipedLinesReachAWatcherBeforeTheInputEndsAndTheEndExitsZero()
    {
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, Unique.Name("alice"));
        await using var watch = alice.Watch(_feed);
        await watch.ItemAsync(1);
        var input = new ScriptedInput();

        var publishing = InvokeAsync(PublishFeedCommand.Create(input), "publish-feed", "--server", fixture.Node.BaseUri.ToString(),
            "--api-key", TestAuth.ApiKey, "--feed", _feed);
        input.Write("AAPL=187.25");
        var first = await watch.HasAsync("AAPL", 1);
        input.Write("""{"key":"MSFT","value":{"price":410.5}}""", "AAPL=null");
        await watch.HasAsync("MSFT", 1);
        await watch.HasAsync("AAPL", 2);
        input.End();

        Assert.Equal(ApiCommands.Accepted, await publishing);
        Assert.Equal(187.25, ((JsonElement)first.Last().Updates.Single().Value!).GetDouble());
        Assert.Contains($"published 3 updates to {_feed}", _error.ToString());
        Assert.Equal(["MSFT"], (await fixture.Node.CreateApiClient().GetFeedAsync(_feed)).Select(u => u.Key));
    }

    [Fact]
    public async Task AnInvalidLineIsSkippedAndTheExitCodeSaysSo()
    {
        var input = new ScriptedInput();
        input.Write("A=1", "bad line", "B=2");
        input.End();

        var exitCode = await InvokeAsync(PublishFeedCommand.Create(input), "publish-feed", "--server", fixture.Node.BaseUri.ToString(),
            "--api-key", TestAuth.ApiKey, "--feed", _feed);

        Assert.Equal(ApiCommands.Refused, exitCode);
        Assert.Contains("line 2 skipped", _error.ToString());
        Assert.Equal(["A", "B"], (await fixture.Node.CreateApiClient().GetFeedAsync(_feed)).Select(u => u.Key));
    }

    [Fact]
    public async Task AWrongApiKeyExitsWithRefusedAndSaysWhy()
    {
        var input = new ScriptedInput();
        input.Write("A=1");
        input.End();

        var exitCode = await InvokeAsync(PublishFeedCommand.Create(input), "publish-feed", "--server", fixture.Node.BaseUri.ToString(),
            "--api-key", "not-a-key", "--feed", _feed);

        Assert.Equal(ApiCommands.Refused, exitCode);
        Assert.Contains("error: 401", _error.ToString());
    }

    [Fact]
    public async Task WatchWritesEachUpdateAsAJsonLineAndCtrlCExitsZero()
    {
        var api = fixture.Node.CreateApiClient();
        await api.PublishAsync(_feed, [("A", 1), ("B", 2)]);
        var output = new LineWriter();
        using var ctrlC = new CancellationTokenSource();

        var watching = InvokeAsync(WatchCommand.Create(), output, ctrlC.Token, "watch", "--server", fixture.Node.BaseUri.ToString(),
            "--user", Unique.Name("alice"), "--feed", _feed, "--keys", "A", "--rate", "50", "--protocol", "messagepack");
        await output.Lines.WaitForCountAsync(1, "the snapshot's line");
        await api.PublishAsync(_feed, [("A", 3), ("B", 4)]);
        await output.Lines.WaitForCountAsync(2, "the update's line");
        await ctrlC.CancelAsync();

        Assert.Equal(WatchSession.Stopped, await watching);
        var updates = output.Lines.Snapshot().Select(l => JsonSerializer.Deserialize<FeedUpdate>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
        Assert.Equal([("A", 1L, "1"), ("A", 2L, "3")], updates.Select(u => (u.Key, u.Version, ((JsonElement)u.Value!).GetRawText())));
    }

    [Fact]
    public async Task WatchExitsWithRefusedWhenTheHubRefusesTheWatch()
    {
        await fixture.Node.CreateApiClient().SetFeedAccessAsync(_feed, RoomAccess.Private);

        var exitCode = await InvokeAsync(WatchCommand.Create(), _output, CancellationToken.None, "watch", "--server", fixture.Node.BaseUri.ToString(),
            "--user", Unique.Name("alice"), "--feed", _feed);

        Assert.Equal(WatchSession.Refused, exitCode);
        Assert.Contains(LiveErrors.ForbiddenFeed, _error.ToString());
    }

    private Task<int> InvokeAsync(Command command, params string[] args) => InvokeAsync(command, _output, CancellationToken.None, args);

    private Task<int> InvokeAsync(Command command, TextWriter output, CancellationToken cancellationToken, params string[] args)
    {
        var root = new RootCommand { command };
        var configuration = new InvocationConfiguration { Output = output, Error = _error, ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken).WaitAsync(TestTimeouts.Reconnect);
    }
}
