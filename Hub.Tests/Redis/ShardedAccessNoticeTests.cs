using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Access;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

/// <summary>
/// On a Redis Cluster an access change must still wait for every node's observers: a classic PUBLISH there counts only
/// the subscribers on the server that took it, so the announcer stopped waiting early for about half the channels
/// (a private room then still took a removed member's message on the other node). Each prefix and kind is a channel
/// of its own on some shard; six of them make a miscount all but certain to show.
/// </summary>
public sealed class ShardedAccessNoticeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ShardedRedis _redis = new();
    private readonly List<HubNode> _nodes = [];

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task AnAccessChangeReturnsOnlyOnceTheOtherNodesObserversHaveActed()
    {
        for (var deployment = 0; deployment < 2; deployment++)
        {
            var prefix = RedisServerFixture.NewPrefix("access");
            var gates = AccessKind.All.ToDictionary(kind => kind, kind => new GatedObserver(kind));
            await StartNodeAsync(prefix, services =>
            {
                foreach (var gate in gates.Values)
                {
                    services.AddSingleton<IAccessObserver>(gate);
                }
            });
            var announcer = (await StartNodeAsync(prefix, null)).Services.GetRequiredService<IAccessControl>();

            foreach (var kind in AccessKind.All)
            {
                var change = announcer.SetAccessAsync(kind, Unique.Name("res"), AccessLevel.Private);
                await gates[kind].Entered.Task.WaitAsync(Timeout);

                // The other node's observer is still at work: the change must not have returned, however long it is given.
                var first = await Task.WhenAny(change, Task.Delay(TimeSpan.FromMilliseconds(500)));
                Assert.NotSame(change, first);
                gates[kind].Release.TrySetResult();
                await change.WaitAsync(Timeout);
            }
        }
    }

    private async Task<HubNode> StartNodeAsync(string prefix, Action<IServiceCollection>? configure)
    {
        var node = await HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = _redis.Configuration,
            ChannelPrefix = prefix,
            NodeName = $"node{_nodes.Count + 1}",
            ConfigureServices = configure,
            Settings = new Dictionary<string, string?> { ["Redis:Backplane"] = "realtimehub" },
        });
        _nodes.Add(node);
        return node;
    }

    private sealed class GatedObserver(AccessKind kind) : IAccessObserver
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AccessKind Kind => kind;

        public async Task OnChangedAsync(AccessChange change, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }
}
