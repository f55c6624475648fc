using System.Net;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// The link between a node and Redis breaks while Redis itself is fine: node1 talks to Redis through a
/// <see cref="FaultProxy"/>, node2 directly. Short Redis timeouts make the node notice within a few seconds.
/// </summary>
public sealed class RedisLinkFaultTests : IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.NewPrefix("link");
    private readonly string _room = Unique.Name("room");
    private readonly List<IAsyncDisposable> _owned = [];
    private RedisServerFixture _redis = null!;
    private FaultProxy _proxy = null!;
    private HubNode _node1 = null!;
    private HubNode _node2 = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerFixture.StartLocalAsync();
        _proxy = FaultProxy.Start(_redis.Port);
        _node1 = await StartNodeAsync("n1", _proxy.EndPoint);
        _node2 = await StartNodeAsync("n2", $"127.0.0.1:{_redis.Port}");
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await _node1.StopAsync();
        await _node2.StopAsync();
        await _proxy.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Theory]
    [InlineData(FaultProxyCutMode.Reset)]
    [InlineData(FaultProxyCutMode.Close)]
    public async Task ANodeWhoseRedisLinkIsCutReconnectsAndCrossNodeDeliveryResumesBothWays(FaultProxyCutMode mode)
    {
        var (alice, bob) = await ConnectPairAsync();
        await bob.WaitForMessageAsync(await alice.SendMessageAsync(_room, "before"));

        var linksBefore = _proxy.Forwarded.Snapshot().Count;
        Assert.Equal(2, _proxy.Cut(mode)); // the node's command and subscriber connections
        await _proxy.Forwarded.WaitForCountAsync(linksBefore + 2, "node1 to reconnect both Redis connections");
        await WaitForReadyAsync(_node1);

        var fromAlice = await SendOrRetryAsync(alice, "from-node1", "c1");
        await bob.WaitForMessageAsync(fromAlice);
        var fromBob = await bob.SendMessageAsync(_room, "from-node2");
        await alice.WaitForMessageAsync(fromBob);
        Assert.Equal(["before", "from-node1", "from-node2"], (await bob.GetHistoryAsync(_room, 0, 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task AStalledRedisLinkFailsSendsWithinTheCommandTimeoutAndARetryStoresTheMessageOnce()
    {
        var (alice, bob) = await ConnectPairAsync();

        _proxy.Stall();
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(_room, "stalled", "retry-me"))
            .WaitAsync(TestTimeouts.Event);
        _proxy.Resume();

        // The stalled command may still reach Redis once the link flows again; the retry must then return it.
        Assert.False(string.IsNullOrEmpty(refused.Message));
        var stored = await SendOrRetryAsync(alice, "stalled", "retry-me");
        var next = await bob.SendMessageAsync(_room, "next");
        await alice.WaitForMessageAsync(next);
        var history = await bob.GetHistoryAsync(_room, 0, 10);
        Assert.Equal(["stalled", "next"], history.Select(m => m.Text));
        Assert.Equal([1L, 2], history.Select(m => m.Sequence));
        Assert.Equal(stored.Id, history[0].Id);
    }

    [Fact]
    public async Task AMessageStoredWhoseReplyWasLostIsStillBroadcastOnceEvenToRawClients()
    {
        var (alice, probe) = await ConnectPairAsync();
        await using var bob = await TestChatClient.ConnectAsync(_node2, Unique.Name("bob"));
        await bob.Client.JoinRoomAsync(_room);
        await bob.WaitForTextAsync((await alice.SendMessageAsync(_room, "before")).Text); // Redis now knows the script

        // Requests reach Redis, replies are held: the store happens, node1 never learns it did.
        _proxy.Stall(FaultProxyDirection.ToClient);
        await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(_room, "stored in the dark", "dark-1")).WaitAsync(TestTimeouts.Event);
        _proxy.Resume();
        var retried = await SendOrRetryAsync(alice, "stored in the dark", "dark-1");
        await probe.WaitForMessageAsync(retried); // stored means delivered: unconfirmed past Chat:RebroadcastAfter, a node broadcasts it
        var next = await SendOrRetryAsync(alice, "the room moves on", "next-1");
        await bob.WaitForTextAsync("the room moves on");
        await probe.WaitForMessageAsync(next);

        Assert.Equal(2, retried.Sequence); // the retry found the stored original (too young for the retry to take over)...
        Assert.Single(probe.Messages.Snapshot(), m => m.Id == retried.Id); // ...and broadcast it once, to a client that only follows the contract
        Assert.Equal(["before", "stored in the dark", "the room moves on"], bob.TextsIn(_room));
    }

    [Fact]
    public async Task ASlowRedisLinkKeepsSequencesGaplessAndDeliveryInOrder()
    {
        var (alice, bob) = await ConnectPairAsync();

        _proxy.Slow(TimeSpan.FromMilliseconds(20));
        // On a loaded machine a slowed link can push a command past its timeout: the hub then answers "unavailable",
        // and a client retries with the same id, as ChatClient does. Sequences must still come out gapless.
        var sends = Enumerable.Range(1, 15).Select(i => SendOrRetryAsync(alice, $"m{i}", $"id-{i}")).ToList();
        var stored = await Task.WhenAll(sends).WaitAsync(TestTimeouts.Reconnect);
        var history = await bob.GetHistoryAsync(_room, 0, 100);

        // Stored gapless whatever the retries; live deliveries in order. (A send whose reply timed out after it was stored
        // is not broadcast again on retry, by the contract's "nothing is broadcast twice": history has it, see the test above.)
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), stored.Select(m => m.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), history.Select(m => m.Sequence));
        var live = bob.Messages.Snapshot().Select(m => m.Sequence).ToList();
        Assert.Equal(live.Order(), live);
        Assert.Equal(live.Distinct(), live);
    }

    [Theory]
    [InlineData(FaultProxyDirection.ToClient)]
    [InlineData(FaultProxyDirection.ToTarget)]
    public async Task AHalfClosedRedisLinkIsNoticedAndReplaced(FaultProxyDirection direction)
    {
        var (alice, bob) = await ConnectPairAsync();
        var linksBefore = _proxy.Forwarded.Snapshot().Count;

        _proxy.HalfClose(direction);
        await _proxy.Forwarded.WaitForCountAsync(linksBefore + 2, "node1 to open new Redis connections");
        await WaitForReadyAsync(_node1);

        var fromAlice = await SendOrRetryAsync(alice, "after", "after-1");
        await bob.WaitForMessageAsync(fromAlice);
        var fromBob = await bob.SendMessageAsync(_room, "reply");
        await alice.WaitForMessageAsync(fromBob);
    }

    private async Task<(HubProbe Alice, HubProbe Bob)> ConnectPairAsync()
    {
        var alice = await HubProbe.ConnectAsync(_node1, Unique.Name("alice"));
        var bob = await HubProbe.ConnectAsync(_node2, Unique.Name("bob"));
        _owned.Add(alice);
        _owned.Add(bob);
        await alice.JoinRoomAsync(_room);
        await bob.JoinRoomAsync(_room);
        return (alice, bob);
    }

    /// <summary>
    /// Sends as an application would after a refused send: again, with the same client message id, once the node
    /// says it is ready. A few attempts at most, well inside the rate limit's burst.
    /// </summary>
    private async Task<ChatMessage> SendOrRetryAsync(HubProbe probe, string text, string clientMessageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await probe.SendMessageAsync(_room, text, clientMessageId);
            }
            catch (HubException) when (attempt < 10)
            {
                await WaitForReadyAsync(_node1);
            }
        }
    }

    private static Task WaitForReadyAsync(HubNode node) =>
        Poll.UntilAsync(async () =>
        {
            using var http = node.CreateHttpClient();
            return (await http.GetAsync("readyz")).StatusCode == HttpStatusCode.OK;
        }, "/readyz to answer 200");

    private Task<HubNode> StartNodeAsync(string name, string redis) => HubNode.StartAsync(new HubNodeOptions
    {
        NodeName = name,
        RedisConfiguration = redis + FaultTestNodes.ShortTimeouts + ",keepAlive=1",
        ChannelPrefix = _prefix,
    });
}
