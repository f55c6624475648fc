namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Two hub nodes on a three-master Redis Cluster, under a prefix no other test uses.</summary>
public sealed class TwoNodeShardedRedisCluster : IHubCluster, IAsyncLifetime
{
    private readonly List<HubNode> _nodes = [];

    public IReadOnlyList<HubNode> Nodes => _nodes;

    public ShardedRedis Redis { get; } = new();

    public string Prefix { get; } = RedisServerFixture.NewPrefix("sharded");

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        for (var i = 0; i < 2; i++)
        {
            _nodes.Add(await HubNode.StartAsync(new HubNodeOptions { NodeName = $"node{i + 1}", RedisConfiguration = Redis.Configuration, ChannelPrefix = Prefix }));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        await Redis.DisposeAsync();
    }
}
