namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Embedded mode: one node, no Redis.</summary>
public sealed class EmbeddedCluster : IHubCluster, IAsyncLifetime
{
    public IReadOnlyList<HubNode> Nodes { get; private set; } = [];

    public async Task InitializeAsync() => Nodes = [await HubNode.StartAsync()];

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.StopAsync();
        }
    }
}
