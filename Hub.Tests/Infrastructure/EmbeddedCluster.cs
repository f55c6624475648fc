namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Embedded mode: one node, no Redis (with extra settings, for a subclass that needs them).</summary>
public class EmbeddedCluster : IHubCluster, IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public EmbeddedCluster()
        : this(new Dictionary<string, string?>())
    {
    }

    protected EmbeddedCluster(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public IReadOnlyList<HubNode> Nodes { get; private set; } = [];

    public async Task InitializeAsync() => Nodes = [await HubNode.StartAsync(new HubNodeOptions { Settings = new Dictionary<string, string?>(_settings) })];

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.StopAsync();
        }
    }
}
