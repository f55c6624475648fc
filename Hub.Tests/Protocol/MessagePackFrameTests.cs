using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Protocol;

/// <summary>The hub serves MessagePack beside JSON, with the same field names and the same handling of odd frames.</summary>
public sealed class MessagePackFrameTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    /// <summary>What the .NET client speaks.</summary>
    private static readonly MessagePackHubProtocol Protocol =
        new(Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = ContractMessagePack.SerializerOptions }));

    /// <summary>SignalR's stock protocol, reading frames as any MessagePack client would: plain maps.</summary>
    private static readonly MessagePackHubProtocol Stock = new();

    [Fact]
    public void EveryServedProtocolIsWrappedForContractErrors()
    {
        var protocols = fixture.Node.Services.GetServices<IHubProtocol>().ToList();

        Assert.Equal(["json", "messagepack"], protocols.Select(p => p.Name).Order());
        Assert.All(protocols, p => Assert.IsType<ContractErrorHubProtocol>(p));
    }

    [Fact]
    public async Task AMessagePackFrameOfUnknownTypeIsSkippedAndTheFrameBehindItIsAnswered()
    {
        var user = Unique.Name("raw");
        using var socket = await ConnectAsync(user);
        byte[] unknown = [0x02, 0x91, 0x63]; // length 2, then the array [99]: a message type this server does not know
        var call = Protocol.GetMessageBytes(new InvocationMessage("after", nameof(IChatHub.GetOnlineUsers), []));

        await SendAsync(socket, [.. unknown, .. call.Span]);
        var completion = await ReceiveCompletionAsync(socket, "after", Protocol, new ResultBinder(typeof(UserPresence[])));

        Assert.Null(completion.Error);
        Assert.Contains(new UserPresence(user, user), Assert.IsType<UserPresence[]>(completion.Result));
    }

    [Fact]
    public async Task OnTheWireAShapesFieldsCarryTheNamesTheJsonProtocolGivesThem()
    {
        var (user, room) = (Unique.Name("raw"), Unique.Name("room"));
        using var socket = await ConnectAsync(user);

        var snapshot = await InvokeForMapAsync(socket, nameof(IChatHub.JoinRoom), room);
        var sent = await InvokeForMapAsync(socket, nameof(IChatHub.SendMessage), room, "hi", "c-1");

        Assert.Equal(["room", "epoch", "members", "recent", "lastSequence"], snapshot.Keys);
        var member = Assert.IsType<Dictionary<object, object?>>(Assert.Single(Assert.IsType<object[]>(snapshot["members"])));
        Assert.Equal(["userId", "name"], member.Keys);
        Assert.Equal(["id", "room", "epoch", "sequence", "senderId", "senderName", "text", "sentAt", "clientMessageId"], sent.Keys);
        Assert.Equal(user, sent["senderId"]);
        Assert.IsType<DateTime>(sent["sentAt"]); // a MessagePack timestamp, not a string
    }

    [Fact]
    public async Task OnTheWireANotificationsDataKeepsTheKeysTheServiceSent()
    {
        var user = Unique.Name("raw");
        using var socket = await ConnectAsync(user);
        await InvokeAsync(socket, nameof(IChatHub.GetOnlineUsers)); // answered once the node delivers to this user
        using var data = JsonDocument.Parse("""{"Invoice":42,"lines":[{"Amount":1,"unitPrice":2}]}""");

        await fixture.Node.CreateApiClient().NotifyAsync(user, "invoice.ready", data.RootElement);
        var notification = await ReceiveEventMapAsync(socket, nameof(IChatClient.NotificationReceived));

        Assert.Equal(["id", "type", "data", "sentAt"], notification.Keys);
        var sentData = Assert.IsType<Dictionary<object, object?>>(notification["data"]);
        Assert.Equal(["Invoice", "lines"], sentData.Keys);
        var line = Assert.IsType<Dictionary<object, object?>>(Assert.Single(Assert.IsType<object[]>(sentData["lines"])));
        Assert.Equal(["Amount", "unitPrice"], line.Keys);
    }

    /// <summary>Invokes a hub method and returns its result as it is on the wire.</summary>
    private static async Task<object?> InvokeAsync(ClientWebSocket socket, string method, params object?[] arguments)
    {
        var id = Unique.Name("call");
        await SendAsync(socket, Protocol.GetMessageBytes(new InvocationMessage(id, method, arguments)).ToArray());
        var completion = await ReceiveCompletionAsync(socket, id, Stock, new RawMapBinder());
        Assert.Null(completion.Error);
        return completion.Result;
    }

    private static async Task<Dictionary<object, object?>> InvokeForMapAsync(ClientWebSocket socket, string method, params object?[] arguments) =>
        Assert.IsType<Dictionary<object, object?>>(await InvokeAsync(socket, method, arguments));

    private async Task<ClientWebSocket> ConnectAsync(string userId)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(fixture.Node.HubUri) { Scheme = "ws", Query = $"access_token={TestAuth.CreateToken(userId)}" }.Uri;
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await socket.ConnectAsync(uri, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, timeout.Token);
        var handshake = await ReceiveAsync(socket);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(handshake));
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket socket, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
    }

    private static async Task<CompletionMessage> ReceiveCompletionAsync(
        ClientWebSocket socket, string invocationId, IHubProtocol protocol, IInvocationBinder binder) =>
        (CompletionMessage)await ReceiveAsync(socket, protocol, binder, m => m is CompletionMessage c && c.InvocationId == invocationId);

    /// <summary>The first argument of the next <paramref name="target"/> event, as the plain map on the wire.</summary>
    private static async Task<Dictionary<object, object?>> ReceiveEventMapAsync(ClientWebSocket socket, string target)
    {
        var invocation = (InvocationMessage)await ReceiveAsync(
            socket, Stock, new RawMapBinder(), m => m is InvocationMessage i && i.Target == target);
        return Assert.IsType<Dictionary<object, object?>>(invocation.Arguments[0]);
    }

    private static async Task<HubMessage> ReceiveAsync(
        ClientWebSocket socket, IHubProtocol protocol, IInvocationBinder binder, Func<HubMessage, bool> wanted)
    {
        while (true)
        {
            var input = new ReadOnlySequence<byte>(await ReceiveAsync(socket));
            while (protocol.TryParseMessage(ref input, binder, out var message))
            {
                if (wanted(message))
                {
                    return message;
                }
            }
        }
    }

    private static async Task<byte[]> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        var buffer = new ArrayBufferWriter<byte>();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.GetMemory(4096), timeout.Token);
            buffer.Advance(result.Count);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
        }
        while (!result.EndOfMessage);

        return buffer.WrittenSpan.ToArray();
    }
}
