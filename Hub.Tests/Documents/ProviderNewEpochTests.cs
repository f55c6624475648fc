using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// The page's Yjs provider when the document's log is lost (an embedded node restarts: a new epoch): every editor pushes
/// its whole state into the new epoch, edits made while the node was down included, so nothing any of them held is lost.
/// </summary>
public sealed class ProviderNewEpochTests : IAsyncLifetime
{
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync();

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task AfterTheLogIsLostEveryEditorPushesItsWholeStateIntoTheNewEpoch()
    {
        var result = await ProviderScenarioScript.RunAsync("newEpoch", _node.BaseUri, _node.BaseUri, async fault =>
        {
            if (fault == "stop")
            {
                await _node.StopAsync();
            }
            else
            {
                Assert.Equal("start", fault);
                _node = await _node.RestartAsync();
            }
        });

        Assert.NotEqual(result.GetProperty("oldEpoch").GetString(), result.GetProperty("newEpoch").GetString());
        // Alice's and bob's whole states: at least one push each into the new epoch.
        Assert.InRange(result.GetProperty("lastSequence").GetInt32(), 2, 10);
    }
}
