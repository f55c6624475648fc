using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Two Redis-mode nodes for the frame fuzz, with their logs captured. The rate limit is lifted so mutated sends reach
/// the hub's code instead of stopping at the limiter (which has its own tests), and connections are not cut for it.
/// </summary>
public sealed class FuzzCluster : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private readonly string _prefix = RedisServerFixture.NewPrefix("fuzz");

    public IReadOnlyList<HubNode> Nodes { get; private set; } = [];

    public IReadOnlyList<CapturingLoggerProvider> Logs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Nodes = [await StartNodeAsync("fuzz1"), await StartNodeAsync("fuzz2")];
        Logs = [.. Nodes.Select(CapturingLoggerProvider.AttachTo)];
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.StopAsync();
        }

        await _redis.DisposeAsync();
    }

    private Task<HubNode> StartNodeAsync(string name) => HubNode.StartAsync(new HubNodeOptions
    {
        NodeName = name,
        RedisConfiguration = _redis.Configuration,
        ChannelPrefix = _prefix,
        Settings =
        {
            ["Chat:RateLimit:PerSecond"] = "100000",
            ["Chat:RateLimit:Burst"] = "100000",
        },
    });
}
