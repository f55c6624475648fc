namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Several nodes on one real Redis (<typeparamref name="TRedis"/>: a private redis-server or <c>REDIS_URL</c>, or a
/// Redis Cluster), under a prefix no other test uses, with extra <paramref name="settings"/> on every node.
/// </summary>
public abstract class RedisCluster<TRedis>(int nodeCount, string backplane = "realtimehub", IReadOnlyDictionary<string, string?>? settings = null)
    : IHubCluster, IAsyncLifetime
    where TRedis : ISharedRedis, new()
{
    private readonly List<HubNode> _nodes = [];

    public IReadOnlyList<HubNode> Nodes => _nodes;

    public TRedis Redis { get; } = new();

    public string Prefix { get; } = RedisServerFixture.NewPrefix("cluster");

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        for (var i = 0; i < nodeCount; i++)
        {
            _nodes.Add(await StartNodeAsync($"node{i + 1}"));
        }
    }

    /// <summary>Starts one more node of this cluster (same Redis, same prefix).</summary>
    public Task<HubNode> StartNodeAsync(string name, int port = 0) => HubNode.StartAsync(new HubNodeOptions
    {
        Port = port,
        NodeName = name,
        RedisConfiguration = Redis.Configuration,
        ChannelPrefix = Prefix,
        Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Redis:Backplane"] = backplane },
    });

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        await Redis.DisposeAsync();
    }
}
