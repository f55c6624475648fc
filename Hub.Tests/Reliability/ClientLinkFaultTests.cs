using RealtimeHub.Client;
using RealtimeHub.Tests.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// The link between a ChatClient and its node breaks in the ways networks break (a <see cref="FaultProxy"/> sits
/// between them): the client comes back by itself and raises every message once, in order. Bob is connected
/// directly and keeps talking throughout.
/// </summary>
public sealed class ClientLinkFaultTests : IAsyncLifetime
{
    private readonly string _room = Unique.Name("room");
    private HubNode _node = null!;
    private FaultProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _node = await HubNode.StartAsync();
        _proxy = FaultProxy.Start(_node.BaseUri);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _node.StopAsync();
    }

    [Theory]
    [InlineData(FaultProxyCutMode.Reset)]
    [InlineData(FaultProxyCutMode.Close)]
    public async Task ACutLinkIsReconnectedAndEveryMessageIsRaisedOnceInOrder(FaultProxyCutMode mode)
    {
        await using var alice = await ConnectThroughProxyAsync("alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);
        await bob.Client.SendMessageAsync(_room, "before");
        await alice.WaitForTextAsync("before");

        // Alice stays away (no token for her reconnect) until bob has talked without her and she has queued a send.
        alice.CloseGate();
        var linksBefore = _proxy.Forwarded.Snapshot().Count;
        Assert.True(_proxy.Cut(mode) >= 1); // the WebSocket, and the negotiate request's pooled connection if still open
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await bob.Client.SendMessageAsync(_room, "outage-1");
        await bob.Client.SendMessageAsync(_room, "outage-2");
        var queued = alice.Client.SendMessageAsync(_room, "from-alice");
        alice.OpenGate();
        var stored = await queued.WaitAsync(TestTimeouts.Reconnect);
        await bob.Client.SendMessageAsync(_room, "after");
        await alice.WaitForTextAsync("after");
        await bob.WaitForTextAsync("after");

        Assert.Equal(["before", "outage-1", "outage-2", "from-alice", "after"], alice.TextsIn(_room));
        Assert.Equal(["before", "outage-1", "outage-2", "from-alice", "after"], bob.TextsIn(_room));
        Assert.Equal(4, stored.Sequence);
        Assert.True(_proxy.Forwarded.Snapshot().Count > linksBefore, "alice came back through the proxy");
    }

    [Fact]
    public async Task MoreSendsQueuedDuringAnOutageThanTheRateLimitBurstAreAllDeliveredOnceInOrder()
    {
        await using var alice = await ConnectThroughProxyAsync("alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        // Twice the server's burst (20) waits in the client's queue (bound 100) while alice is away.
        alice.CloseGate();
        _proxy.Cut();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        var texts = Enumerable.Range(1, 40).Select(i => $"queued-{i}").ToArray();
        var queued = texts.Select(text => alice.Client.SendMessageAsync(_room, text)).ToList();
        alice.OpenGate();
        var stored = await Task.WhenAll(queued).WaitAsync(TestTimeouts.Reconnect);
        await bob.Messages.WaitForCountAsync(texts.Length, "every queued message");

        Assert.Equal(texts, stored.Select(m => m.Text));
        Assert.Equal(texts, bob.TextsIn(_room));
    }

    [Fact]
    public async Task AStalledLinkThatResumesDeliversEverythingHeldOnceInOrderWithoutReconnecting()
    {
        await using var alice = await ConnectThroughProxyAsync("alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        var linksBefore = _proxy.Forwarded.Snapshot().Count;
        _proxy.Stall();
        for (var i = 1; i <= 5; i++)
        {
            await bob.Client.SendMessageAsync(_room, $"held-{i}");
        }

        var aliceSend = alice.Client.SendMessageAsync(_room, "from-alice");
        Assert.Empty(alice.TextsIn(_room)); // the proxy holds everything: nothing can have arrived
        Assert.False(aliceSend.IsCompleted);
        _proxy.Resume();
        var stored = await aliceSend.WaitAsync(TestTimeouts.Event);
        await bob.WaitForTextAsync("from-alice");
        await alice.WaitForTextAsync("from-alice");

        Assert.Equal(["held-1", "held-2", "held-3", "held-4", "held-5", "from-alice"], alice.TextsIn(_room));
        Assert.Equal(6, stored.Sequence);
        Assert.DoesNotContain(alice.States.Snapshot(), s => s.State == ChatConnectionState.Reconnecting);
        Assert.Equal(linksBefore, _proxy.Forwarded.Snapshot().Count);
    }

    [Fact]
    public async Task ASlowLinkDeliversEverythingInOrderBothWays()
    {
        await using var alice = await ConnectThroughProxyAsync("alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        _proxy.Slow(TimeSpan.FromMilliseconds(30));
        var bobSends = Enumerable.Range(1, 10).Select(i => bob.Client.SendMessageAsync(_room, $"bob-{i}")).ToList();
        var aliceSends = Enumerable.Range(1, 5).Select(i => alice.Client.SendMessageAsync(_room, $"alice-{i}")).ToList();
        var stored = await Task.WhenAll(aliceSends).WaitAsync(TestTimeouts.Event);
        await Task.WhenAll(bobSends).WaitAsync(TestTimeouts.Event);
        await alice.Messages.WaitForCountAsync(15, "every message through the slow link");
        await bob.Messages.WaitForCountAsync(15, "every message");

        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), alice.Messages.Snapshot().Select(m => m.Sequence));
        Assert.Equal(["alice-1", "alice-2", "alice-3", "alice-4", "alice-5"], stored.Select(m => m.Text));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "alice's sends keep their order");
        Assert.Equal(bob.TextsIn(_room), alice.TextsIn(_room));
    }

    [Theory]
    [InlineData(FaultProxyDirection.ToClient)]
    [InlineData(FaultProxyDirection.ToTarget)]
    public async Task AHalfClosedLinkIsNoticedAndTheClientComesBackWithoutLosingAMessage(FaultProxyDirection direction)
    {
        await using var alice = await ConnectThroughProxyAsync("alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);
        await bob.Client.SendMessageAsync(_room, "before");
        await alice.WaitForTextAsync("before");

        alice.CloseGate();
        var linksBefore = _proxy.Forwarded.Snapshot().Count;
        Assert.True(_proxy.HalfClose(direction) >= 1);
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await bob.Client.SendMessageAsync(_room, "outage");
        alice.OpenGate();
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        await bob.Client.SendMessageAsync(_room, "after");
        await alice.WaitForTextAsync("after");

        Assert.Equal(["before", "outage", "after"], alice.TextsIn(_room));
        Assert.True(_proxy.Forwarded.Snapshot().Count > linksBefore, "alice came back through the proxy");
    }

    private Task<TestChatClient> ConnectThroughProxyAsync(string user) =>
        TestChatClient.ConnectAsync(_node, user, configure: o => o.HubUrl = new Uri(_proxy.BaseUri, "hubs/chat"));
}
