using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// Redis-mode nodes on a private redis-server with AOF on (fsync always, as production would run it), each node
/// reaching Redis through its own <see cref="FaultProxy"/>. Nodes can crash and come back on the same port.
/// </summary>
internal sealed class SoakCluster : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string _prefix = RedisServerFixture.NewPrefix("soak");
    private readonly HubNode[] _nodes;

    private SoakCluster(RedisServerFixture redis, string dataDirectory, int nodeCount)
    {
        Redis = redis;
        _dataDirectory = dataDirectory;
        _nodes = new HubNode[nodeCount];
        RedisLinks = [.. Enumerable.Range(0, nodeCount).Select(_ => FaultProxy.Start(redis.Port))];
    }

    /// <summary>How long a node waits for a Redis reply before it gives up on the command (and on a silent link).</summary>
    public static TimeSpan CommandTimeout { get; } = TimeSpan.FromSeconds(2.5);

    public RedisServerFixture Redis { get; }

    public IReadOnlyList<HubNode> Nodes => _nodes;

    /// <summary>The proxy between node <c>i</c> and Redis.</summary>
    public IReadOnlyList<FaultProxy> RedisLinks { get; }

    public static async Task<SoakCluster> StartAsync(int nodeCount)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("rh-soak-").FullName;
        var redis = await RedisServerFixture.StartLocalAsync("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDirectory);
        var cluster = new SoakCluster(redis, dataDirectory, nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            cluster._nodes[i] = await cluster.StartNodeAsync(i, port: 0);
        }

        return cluster;
    }

    /// <summary>Crashes node <paramref name="index"/> (Redis links first, so it says no goodbye) and starts it again on its port.</summary>
    public async Task CrashAndRestartAsync(int index)
    {
        var node = _nodes[index];
        await node.CrashAsync();
        _nodes[index] = await StartNodeAsync(index, node.Port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        foreach (var link in RedisLinks)
        {
            await link.DisposeAsync();
        }

        await Redis.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task<HubNode> StartNodeAsync(int index, int port) => HubNode.StartAsync(new HubNodeOptions
    {
        Port = port,
        NodeName = $"soak{index + 1}",
        // Short timeouts, so a stalled or dead link is noticed within seconds; not shorter, because Redis fsyncs every
        // write (AOF always) and a loaded CI machine may take a second for that.
        RedisConfiguration = $"{RedisLinks[index].EndPoint},connectTimeout=3000,asyncTimeout={CommandTimeout.TotalMilliseconds},syncTimeout={CommandTimeout.TotalMilliseconds},keepAlive=1",
        ChannelPrefix = _prefix,
        Settings =
        {
            ["Redis:Presence:HeartbeatInterval"] = "00:00:00.500",
            ["Redis:Presence:NodeTimeout"] = "00:00:03",
            ["Redis:Presence:ReapInterval"] = "00:00:01",
            ["Chat:HistoryLength"] = "1000000", // a long soak keeps every message, so the audit sees them all
        },
    });
}
