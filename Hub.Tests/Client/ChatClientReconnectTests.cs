using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>ChatClient against real nodes that are stopped and started again on the same port.</summary>
public sealed class ChatClientReconnectTests : IAsyncLifetime
{
    private readonly string _room = Unique.Name("room");
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync();

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task ClientReconnectsAfterARestartRejoinsAndRaisesEveryMessageOnceInOrder()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);
        await bob.Client.SendMessageAsync(_room, "before-1");
        await bob.Client.SendMessageAsync(_room, "before-2");
        await alice.WaitForTextAsync("before-2");

        // Alice cannot come back until bob has talked in the restarted room without her.
        alice.CloseGate();
        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        _node = await _node.RestartAsync();
        await bob.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        foreach (var text in new[] { "outage-1", "outage-2", "outage-3" })
        {
            await bob.Client.SendMessageAsync(_room, text);
        }

        alice.OpenGate();
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        await bob.Client.SendMessageAsync(_room, "after"); // once alice has this, anything doubled would be there too
        await alice.WaitForTextAsync("after");

        Assert.Equal(["before-1", "before-2", "outage-1", "outage-2", "outage-3", "after"], alice.TextsIn(_room));
        Assert.Equal([_room], alice.Client.Rooms);
        var epochs = alice.Messages.Snapshot().Select(m => m.Epoch).Distinct().ToList();
        Assert.Equal(2, epochs.Count); // the restarted node kept no history: a new epoch, whose sequences repeat the old ones
    }

    [Fact]
    public async Task SendsMadeDuringTheOutageAreDeliveredOnceAfterReconnecting()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice");
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        var queued = new[] { "queued-1", "queued-2", "queued-3" }.Select(text => alice.Client.SendMessageAsync(_room, text)).ToList();
        Assert.All(queued, send => Assert.False(send.IsCompleted));

        _node = await _node.RestartAsync();
        var stored = await Task.WhenAll(queued).WaitAsync(TestTimeouts.Reconnect);
        await alice.Client.SendMessageAsync(_room, "after");
        await bob.WaitForTextAsync("after");

        Assert.Equal(["queued-1", "queued-2", "queued-3"], stored.Select(m => m.Text));
        Assert.True(stored[0].Sequence < stored[1].Sequence && stored[1].Sequence < stored[2].Sequence, "queued sends keep their order");
        Assert.Equal(["queued-1", "queued-2", "queued-3", "after"], bob.TextsIn(_room));
        var history = await bob.Client.GetHistoryAsync(_room, 0, 500);
        Assert.Equal(["queued-1", "queued-2", "queued-3", "after"], history.Select(m => m.Text));
    }

    [Fact]
    public async Task SendsBeyondTheQueueBoundAreRefusedWhileReconnecting()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o => o.MaxQueuedSends = 2);
        await alice.Client.JoinRoomAsync(_room);

        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        _ = alice.Client.SendMessageAsync(_room, "one");
        _ = alice.Client.SendMessageAsync(_room, "two");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => alice.Client.SendMessageAsync(_room, "three"));
        Assert.Contains("queue is full", refused.Message);
    }

    [Fact]
    public async Task ClientThatGaveUpReconnectingIsDisconnectedAndCanBeStartedAgain()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o =>
            o.RetryPolicy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = TimeSpan.FromMilliseconds(20), MaxAttempts = 2 }));
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Disconnected);
        await Assert.ThrowsAsync<InvalidOperationException>(() => alice.Client.SendMessageAsync(_room, "nobody hears this"));

        _node = await _node.RestartAsync();
        await alice.Client.StartAsync().WaitAsync(TestTimeouts.Event);
        await bob.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        await bob.Client.SendMessageAsync(_room, "welcome back");
        await alice.WaitForTextAsync("welcome back");

        Assert.Equal(ChatConnectionState.Connected, alice.Client.State);
        Assert.Equal(["welcome back"], alice.TextsIn(_room));
    }
}
