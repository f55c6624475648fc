using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>ChatClient over MessagePack, and over Server-Sent Events or long polling where WebSockets are not allowed.</summary>
public sealed class ChatClientTransportTests : IAsyncLifetime
{
    private readonly string _room = Unique.Name("room");
    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync();

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task ChatClientOverMessagePackSendsAndReceivesWithAClientOnJson()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o => o.Protocol = ChatProtocol.MessagePack);
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        var sent = await alice.Client.SendMessageAsync(_room, "over messagepack ✓", "client-id-1");
        await bob.Client.SendMessageAsync(_room, "over json");
        await alice.WaitForTextAsync("over json");
        await bob.WaitForTextAsync("over json");
        await alice.Client.SendPrivateMessageAsync("bob", "psst");
        await bob.Privates.WaitForCountAsync(1, "bob's private message");
        var snapshot = await alice.Client.JoinRoomAsync(_room);

        Assert.Equal(("alice", "over messagepack ✓", "client-id-1", 1L), (sent.SenderId, sent.Text, sent.ClientMessageId, sent.Sequence));
        Assert.Equal(sent, bob.Messages.Snapshot().Single(m => m.Id == sent.Id)); // every field survives the trip, times included
        Assert.Equal(["over messagepack ✓", "over json"], alice.TextsIn(_room));
        Assert.Equal(["over messagepack ✓", "over json"], snapshot.Recent.Select(m => m.Text));
        Assert.Equal(["alice", "bob"], snapshot.Members.Select(m => m.UserId).Order());
        Assert.Equal(("alice", "psst"), (bob.Privates.Snapshot()[0].FromUserId, bob.Privates.Snapshot()[0].Text));
    }

    [Fact]
    public async Task RefusalsOverMessagePackCarryTheContractPrefix()
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o => o.Protocol = ChatProtocol.MessagePack);

        var invalidRoom = await Assert.ThrowsAsync<HubException>(() => alice.Client.JoinRoomAsync("no spaces"));
        var notInRoom = await Assert.ThrowsAsync<HubException>(() => alice.Client.GetHistoryAsync(_room, 0, 10));

        Assert.StartsWith(ChatErrors.InvalidRoom, invalidRoom.Message, StringComparison.Ordinal);
        Assert.StartsWith(ChatErrors.NotInRoom, notInRoom.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling, ChatProtocol.Json)]
    [InlineData(HttpTransportType.LongPolling, ChatProtocol.Json)]
    [InlineData(HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling, ChatProtocol.MessagePack)] // SSE is text only: long polling
    public async Task ChatClientWithoutWebSocketsStillChats(HttpTransportType transports, ChatProtocol protocol)
    {
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o => (o.Transports, o.Protocol) = (transports, protocol));
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);

        await alice.Client.SendMessageAsync(_room, "from alice");
        await bob.Client.SendMessageAsync(_room, "from bob");
        foreach (var client in new[] { alice, bob })
        {
            await client.WaitForTextAsync("from bob"); // the later message, so both are in by then
        }

        Assert.Equal(["from alice", "from bob"], alice.TextsIn(_room));
        Assert.Equal(["from alice", "from bob"], bob.TextsIn(_room));
    }

    [Fact]
    public async Task ChatClientFallsBackWhenWebSocketsAreBlockedAndCatchesUpAfterARestart()
    {
        // A network that refuses every WebSocket: the client tries it first, then falls back, and does so again on reconnect.
        var webSocketAttempts = 0;
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", configure: o => o.ConfigureHttpConnection = http =>
            http.WebSocketFactory = (_, _) =>
            {
                Interlocked.Increment(ref webSocketAttempts);
                throw new WebSocketException("WebSockets are blocked on this network.");
            });
        await using var bob = await TestChatClient.ConnectAsync(_node, "bob");
        await alice.Client.JoinRoomAsync(_room);
        await bob.Client.JoinRoomAsync(_room);
        await bob.Client.SendMessageAsync(_room, "before");
        await alice.WaitForTextAsync("before");
        var attemptsBeforeRestart = Volatile.Read(ref webSocketAttempts);

        alice.CloseGate(); // alice comes back only after bob has talked in the restarted room
        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        _node = await _node.RestartAsync();
        await bob.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        await bob.Client.SendMessageAsync(_room, "during");
        alice.OpenGate();
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        await bob.Client.SendMessageAsync(_room, "after");
        await alice.WaitForTextAsync("after");
        await alice.Client.SendMessageAsync(_room, "alice still sends");
        await bob.WaitForTextAsync("alice still sends");
        await alice.WaitForTextAsync("alice still sends");

        Assert.True(attemptsBeforeRestart >= 1, "the client tries WebSockets first");
        Assert.True(Volatile.Read(ref webSocketAttempts) > attemptsBeforeRestart, "and again when it reconnects");
        Assert.Equal(["before", "during", "after", "alice still sends"], alice.TextsIn(_room));
    }
}
