using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// The Redis HubLifetimeManager seen from outside: sends made through one node's IHubContext, received by real
/// clients on both nodes. Negative checks use a barrier sent later on the same channel (Redis keeps per-channel order).
/// </summary>
public sealed class RedisBackplaneTests(TwoNodeRedisCluster cluster) : IClassFixture<TwoNodeRedisCluster>, IAsyncLifetime
{
    private const string Method = "Probe";
    private readonly List<Listener> _listeners = [];

    private HubNode Node1 => cluster.Nodes[0];

    private HubNode Node2 => cluster.Nodes[1];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.Probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task BroadcastReachesConnectionsOnEveryNodeOnce()
    {
        var local = await ListenAsync(Node1);
        var remote = await ListenAsync(Node2);
        var tag = Unique.Name("all");

        await Hub(Node1).Clients.All.SendAsync(Method, tag);
        var barrier = await SendBarrierAsync(h => h.Clients.All);

        foreach (var listener in new[] { local, remote })
        {
            await listener.WaitForAsync(barrier);
            Assert.Single(listener.Received.Snapshot(), r => r == tag);
        }
    }

    [Fact]
    public async Task ExcludedConnectionsAreSkippedOnEveryNode()
    {
        var localExcluded = await ListenAsync(Node1);
        var remoteExcluded = await ListenAsync(Node2);
        var remoteIncluded = await ListenAsync(Node2);
        var tag = Unique.Name("except");

        await Hub(Node1).Clients.AllExcept([localExcluded.ConnectionId, remoteExcluded.ConnectionId]).SendAsync(Method, tag);
        var barrier = await SendBarrierAsync(h => h.Clients.All);

        await remoteIncluded.WaitForAsync(tag);
        foreach (var excluded in new[] { localExcluded, remoteExcluded })
        {
            await excluded.WaitForAsync(barrier);
            Assert.DoesNotContain(tag, excluded.Received.Snapshot());
        }
    }

    [Fact]
    public async Task GroupSendsReachMembersOnOtherNodesAndNoOneElse()
    {
        var group = Unique.Name("group");
        var member1 = await ListenAsync(Node1);
        var member2 = await ListenAsync(Node2);
        var outsider = await ListenAsync(Node2);
        await Hub(Node1).Groups.AddToGroupAsync(member1.ConnectionId, group);
        await Hub(Node2).Groups.AddToGroupAsync(member2.ConnectionId, group);
        var tag = Unique.Name("group-msg");

        await Hub(Node1).Clients.Group(group).SendAsync(Method, tag);
        var barrier = await SendBarrierAsync(h => h.Clients.All);

        await member1.WaitForAsync(tag);
        await member2.WaitForAsync(tag);
        await outsider.WaitForAsync(barrier);
        Assert.DoesNotContain(tag, outsider.Received.Snapshot());
    }

    [Fact]
    public async Task GroupExceptSkipsTheExcludedConnectionOnAnotherNode()
    {
        var group = Unique.Name("group");
        var member1 = await ListenAsync(Node1);
        var member2 = await ListenAsync(Node2);
        await Hub(Node1).Groups.AddToGroupAsync(member1.ConnectionId, group);
        await Hub(Node2).Groups.AddToGroupAsync(member2.ConnectionId, group);
        var tag = Unique.Name("group-except");

        await Hub(Node1).Clients.GroupExcept(group, [member2.ConnectionId]).SendAsync(Method, tag);
        await Hub(Node1).Clients.Group(group).SendAsync(Method, "barrier-" + tag);

        await member1.WaitForAsync(tag);
        await member2.WaitForAsync("barrier-" + tag);
        Assert.DoesNotContain(tag, member2.Received.Snapshot());
    }

    [Fact]
    public async Task SendsToSeveralGroupsReachEachMemberOfEach()
    {
        var groups = new[] { Unique.Name("g"), Unique.Name("g") };
        var a = await ListenAsync(Node1);
        var b = await ListenAsync(Node2);
        await Hub(Node1).Groups.AddToGroupAsync(a.ConnectionId, groups[0]);
        await Hub(Node2).Groups.AddToGroupAsync(b.ConnectionId, groups[1]);
        var tag = Unique.Name("groups");

        await Hub(Node2).Clients.Groups(groups).SendAsync(Method, tag);

        await a.WaitForAsync(tag);
        await b.WaitForAsync(tag);
    }

    [Fact]
    public async Task AUserWithConnectionsOnTwoNodesGetsOneCopyOnEach()
    {
        var userId = Unique.Name("user");
        var onNode1 = await ListenAsync(Node1, userId);
        var onNode2 = await ListenAsync(Node2, userId);
        var tag = Unique.Name("user-msg");

        await Hub(Node1).Clients.User(userId).SendAsync(Method, tag);
        await Hub(Node1).Clients.User(userId).SendAsync(Method, "barrier-" + tag);

        foreach (var listener in new[] { onNode1, onNode2 })
        {
            await listener.WaitForAsync("barrier-" + tag);
            Assert.Single(listener.Received.Snapshot(), r => r == tag);
        }
    }

    [Fact]
    public async Task ConnectionSendsReachAConnectionOnAnotherNode()
    {
        var target = await ListenAsync(Node2);
        var bystander = await ListenAsync(Node2);
        var tag = Unique.Name("conn");

        await Hub(Node1).Clients.Client(target.ConnectionId).SendAsync(Method, tag);
        await Hub(Node1).Clients.Clients([target.ConnectionId, bystander.ConnectionId]).SendAsync(Method, "both-" + tag);

        await target.WaitForAsync(tag);
        await bystander.WaitForAsync("both-" + tag);
        Assert.DoesNotContain(tag, bystander.Received.Snapshot());
    }

    [Fact]
    public async Task AddingAConnectionOnAnotherNodeToAGroupWorksAndIsIdempotent()
    {
        var group = Unique.Name("group");
        var remote = await ListenAsync(Node2);

        await Hub(Node1).Groups.AddToGroupAsync(remote.ConnectionId, group);
        await Hub(Node1).Groups.AddToGroupAsync(remote.ConnectionId, group);
        var tag = Unique.Name("remote-add");
        await Hub(Node1).Clients.Group(group).SendAsync(Method, tag);
        await Hub(Node1).Clients.Group(group).SendAsync(Method, "barrier-" + tag);

        await remote.WaitForAsync("barrier-" + tag);
        Assert.Single(remote.Received.Snapshot(), r => r == tag);
    }

    [Fact]
    public async Task RemovingAConnectionOnAnotherNodeFromAGroupStopsItsDeliveries()
    {
        var group = Unique.Name("group");
        var remote = await ListenAsync(Node2);
        var stays = await ListenAsync(Node2);
        await Hub(Node1).Groups.AddToGroupAsync(remote.ConnectionId, group);
        await Hub(Node1).Groups.AddToGroupAsync(stays.ConnectionId, group);

        await Hub(Node1).Groups.RemoveFromGroupAsync(remote.ConnectionId, group);
        await Hub(Node1).Groups.RemoveFromGroupAsync(remote.ConnectionId, group); // idempotent
        var tag = Unique.Name("after-remove");
        await Hub(Node1).Clients.Group(group).SendAsync(Method, tag);
        var barrier = await SendBarrierAsync(h => h.Clients.All);

        await stays.WaitForAsync(tag);
        await remote.WaitForAsync(barrier);
        Assert.DoesNotContain(tag, remote.Received.Snapshot());
    }

    [Fact]
    public async Task AddingAConnectionNoNodeHoldsTimesOutWithAClearError()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Hub(Node1).Groups.AddToGroupAsync("no-such-connection", Unique.Name("group")));

        Assert.Contains("no-such-connection", error.Message);
    }

    [Fact]
    public async Task LocalSendsAreNotDuplicatedByTheBackplaneEcho()
    {
        var group = Unique.Name("group");
        var local = await ListenAsync(Node1);
        await Hub(Node1).Groups.AddToGroupAsync(local.ConnectionId, group);
        var tag = Unique.Name("local");

        await Hub(Node1).Clients.Group(group).SendAsync(Method, tag);
        await Hub(Node1).Clients.Group(group).SendAsync(Method, "barrier-" + tag);

        await local.WaitForAsync("barrier-" + tag);
        Assert.Single(local.Received.Snapshot(), r => r == tag);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a?b")]
    [InlineData("[ab]")]
    public async Task GroupNamesWithGlobCharactersAreLiteral(string globGroup)
    {
        var suffix = Unique.Name("x");
        var glob = globGroup + suffix;
        var lookalike = globGroup.Replace("*", "anything").Replace("?", "x").Replace("[ab]", "a") + suffix;
        var inGlob = await ListenAsync(Node2);
        var inLookalike = await ListenAsync(Node2);
        await Hub(Node2).Groups.AddToGroupAsync(inGlob.ConnectionId, glob);
        await Hub(Node2).Groups.AddToGroupAsync(inLookalike.ConnectionId, lookalike);
        var tag = Unique.Name("glob");

        await Hub(Node1).Clients.Group(glob).SendAsync(Method, tag);
        var barrier = await SendBarrierAsync(h => h.Clients.All);

        await inGlob.WaitForAsync(tag);
        await inLookalike.WaitForAsync(barrier);
        Assert.DoesNotContain(tag, inLookalike.Received.Snapshot());
    }

    [Fact]
    public async Task ANodeUnsubscribesAGroupChannelWhenItsLastLocalMemberDisconnects()
    {
        var group = Unique.Name("group");
        var member = await ListenAsync(Node2);
        await Hub(Node2).Groups.AddToGroupAsync(member.ConnectionId, group);
        var channel = $"{cluster.Prefix}:bp:ChatHub:group:{group}";
        await using var redis = await RedisTestConnections.ConnectAsync(cluster.Redis.Configuration);
        Assert.Equal(1, await CountSubscribersAsync(redis, channel));

        await member.Probe.Connection.StopAsync();

        await Poll.UntilAsync(async () => await CountSubscribersAsync(redis, channel) == 0, "the group channel to be unsubscribed");
    }

    [Fact]
    public async Task CamelCasedJsonIsPreservedAcrossTheRedisBoundary()
    {
        var room = Unique.Name("room");
        await using var remote = await HubProbe.ConnectAsync(Node2, Unique.Name("reader"));
        await Hub(Node2).Groups.AddToGroupAsync(remote.Connection.ConnectionId!, room);
        var sent = new ChatMessage("id-1", room, "0f3a9c21d4e5b687", 7, "alice", "Alice", "héllo <b>", new DateTime(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc), "cid");

        await Node1.Services.GetRequiredService<IHubContext<ChatHub, IChatClient>>().Clients.Group(room).MessageReceived(sent);

        var received = await remote.Messages.WaitForCountAsync(1, "the message from node 1");
        Assert.Equal(sent, received.Single());
    }

    [Fact]
    public async Task TwoPrefixesOnOneRedisStayIsolated()
    {
        await using var other = await HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = cluster.Redis.Configuration,
            ChannelPrefix = RedisServerFixture.NewPrefix("other-app"),
        });
        var inOtherApp = await ListenAsync(other);
        var inThisApp = await ListenAsync(Node2);
        var tag = Unique.Name("isolated");

        await Hub(Node1).Clients.All.SendAsync(Method, tag);
        await Hub(other).Clients.All.SendAsync(Method, "barrier-" + tag);

        await inThisApp.WaitForAsync(tag);
        await inOtherApp.WaitForAsync("barrier-" + tag);
        Assert.DoesNotContain(tag, inOtherApp.Received.Snapshot());
        Assert.DoesNotContain("barrier-" + tag, inThisApp.Received.Snapshot());
    }

    private static IHubContext<ChatHub> Hub(HubNode node) => node.Services.GetRequiredService<IHubContext<ChatHub>>();

    private async Task<string> SendBarrierAsync(Func<IHubContext<ChatHub>, IClientProxy> target)
    {
        var barrier = Unique.Name("barrier");
        await target(Hub(Node1)).SendAsync(Method, barrier);
        return barrier;
    }

    private async Task<Listener> ListenAsync(HubNode node, string? userId = null)
    {
        var probe = await HubProbe.ConnectAsync(node, userId ?? Unique.Name("listener"));
        var listener = new Listener(probe);
        probe.Connection.On<string>(Method, listener.Received.Add);
        lock (_listeners)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    private static async Task<long> CountSubscribersAsync(ConnectionMultiplexer redis, string channel) =>
        (long)(await redis.RunAsync("PUBSUB", "NUMSUB", channel))[1];

    private sealed class Listener(HubProbe probe)
    {
        public HubProbe Probe { get; } = probe;

        public string ConnectionId => Probe.Connection.ConnectionId!;

        public EventLog<string> Received { get; } = new();

        public Task WaitForAsync(string tag) => Received.WaitUntilAsync(all => all.Contains(tag), tag);
    }
}
