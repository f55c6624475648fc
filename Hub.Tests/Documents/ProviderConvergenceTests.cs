using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// The page's Yjs provider (client-web's <c>SignalRYjsProvider</c>, run in Node on the official SignalR client) against a
/// real node: editors converge, a cut-off editor keeps its edits and gets back only what it missed, a lost answer is
/// retried without a duplicate. One node and one fault proxy (in front of the node, for the editor whose link breaks)
/// serve the class; each scenario has its own document.
/// </summary>
public sealed class ProviderConvergenceTests(ProviderConvergenceTests.NodeFixture fixture) : IClassFixture<ProviderConvergenceTests.NodeFixture>
{
    [Theory]
    [InlineData("json")]
    [InlineData("messagepack")]
    public async Task TwoEditorsTypingAtOnceConvergeAndEveryBatchIsStoredOnce(string protocol)
    {
        var result = await ProviderScenarioScript.RunAsync("converge", fixture.Node.BaseUri, fixture.Proxy.BaseUri, protocol: protocol);

        Assert.Equal(300, result.GetProperty("length").GetInt32());
        // Keystrokes are batched: far fewer pushes than keys, each stored at one sequence.
        var pushes = result.GetProperty("pushes").GetInt32();
        Assert.InRange(pushes, 2, 299);
        Assert.Equal(pushes, result.GetProperty("lastSequence").GetInt32());
    }

    [Fact]
    public async Task AnEditorCutOffKeepsItsEditsAndOnReturnGetsOnlyWhatItMissed()
    {
        var result = await ProviderScenarioScript.RunAsync("offline", fixture.Node.BaseUri, fixture.Proxy.BaseUri, fault =>
        {
            Assert.Equal("cut", fault);
            Assert.True(fixture.Proxy.Cut() >= 1);
            return Task.CompletedTask;
        });

        var reopen = result.GetProperty("reopen");
        Assert.False(reopen.GetProperty("snapshot").GetBoolean());
        Assert.Equal(3, reopen.GetProperty("updates").GetInt32());
    }

    [Fact]
    public async Task APushWhoseAnswerWasLostIsSentAgainWithTheSameIdAndStoredOnce()
    {
        var result = await ProviderScenarioScript.RunAsync("lostAck", fixture.Node.BaseUri, fixture.Proxy.BaseUri, fault =>
        {
            if (fault == "stall-to-client")
            {
                fixture.Proxy.Stall(FaultProxyDirection.ToClient);
            }
            else
            {
                Assert.Equal("cut-and-resume", fault);
                // Cut first: the held answer goes with the links; then let the reconnect through.
                Assert.True(fixture.Proxy.Cut() >= 1);
                fixture.Proxy.Resume();
            }

            return Task.CompletedTask;
        });

        Assert.Equal(2, result.GetProperty("pushedIds").GetArrayLength());
    }

    [Fact]
    public async Task ASnapshotRequestIsAnsweredSoNewcomersGetTheSnapshotAndReconnectsOnlyTheTail()
    {
        var result = await ProviderScenarioScript.RunAsync("compaction", fixture.Node.BaseUri, fixture.Proxy.BaseUri, fault =>
        {
            Assert.Equal("cut", fault);
            Assert.True(fixture.Proxy.Cut() >= 1);
            return Task.CompletedTask;
        });

        Assert.InRange(result.GetProperty("snapshotUpTo").GetInt32(), 10, 14);
    }

    /// <summary>One embedded node for the class (compacting after 10 updates), and a proxy in front of it.</summary>
    public sealed class NodeFixture : IAsyncLifetime
    {
        public HubNode Node { get; private set; } = null!;

        public FaultProxy Proxy { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Node = await HubNode.StartAsync(new HubNodeOptions
            {
                Settings = new Dictionary<string, string?> { ["Docs:CompactAfter"] = "10" },
            });
            Proxy = FaultProxy.Start(Node.BaseUri);
        }

        public async Task DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await Node.StopAsync();
        }
    }
}
