using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Protocol;

/// <summary>The hub serves MessagePack beside JSON, with the same handling of odd frames.</summary>
public sealed class MessagePackFrameTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly MessagePackHubProtocol Protocol = new();

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
        using var socket = await ConnectAsync();
        byte[] unknown = [0x02, 0x91, 0x63]; // length 2, then the array [99]: a message type this server does not know
        var call = Protocol.GetMessageBytes(new InvocationMessage("after", nameof(IChatHub.GetOnlineUsers), []));

        await SendAsync(socket, [.. unknown, .. call.Span]);
        var completion = await ReceiveCompletionAsync(socket, "after");

        Assert.Null(completion.Error);
        Assert.IsType<UserPresence[]>(completion.Result);
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(fixture.Node.HubUri) { Scheme = "ws", Query = $"access_token={TestAuth.CreateToken(Unique.Name("raw"))}" }.Uri;
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

    private static async Task<CompletionMessage> ReceiveCompletionAsync(ClientWebSocket socket, string invocationId)
    {
        var binder = new ResultBinder(typeof(UserPresence[]));
        while (true)
        {
            var input = new ReadOnlySequence<byte>(await ReceiveAsync(socket));
            while (Protocol.TryParseMessage(ref input, binder, out var message))
            {
                if (message is CompletionMessage completion && completion.InvocationId == invocationId)
                {
                    return completion;
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
