using System.Net.WebSockets;
using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Protocol;

/// <summary>Frames no real client sends: each fails only its own call or connection, and the node keeps serving.</summary>
public sealed class MalformedFrameTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private HubNode Node => fixture.Node;

    [Fact]
    public async Task UnknownMethodFailsOnlyThatCall()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));

        var completion = await socket.InvokeAsync("1", "DropAllTables", "[]");

        Assert.Contains("Method does not exist", completion.GetProperty("error").GetString());
        await AssertSocketStillServesAsync(socket);
    }

    [Theory]
    [InlineData("JoinRoom", "[123]")]
    [InlineData("JoinRoom", "[{\"room\":\"x\"}]")]
    [InlineData("JoinRoom", "[]")]
    [InlineData("JoinRoom", "[\"a\",\"b\",\"c\"]")]
    [InlineData("GetHistory", "[\"room\",1e400,10]")]
    [InlineData("GetHistory", "[\"room\",99999999999999999999999,10]")]
    [InlineData("GetHistory", "[\"room\",0,\"ten\"]")]
    [InlineData("SetTyping", "[\"room\",\"yes\"]")]
    [InlineData("SendMessage", "[\"room\",[1,2,3],null]")]
    public async Task WrongArgumentsFailOnlyThatCall(string target, string arguments)
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));

        var completion = await socket.InvokeAsync("1", target, arguments);

        Assert.True(completion.TryGetProperty("error", out var error), completion.ToString());
        Assert.False(string.IsNullOrEmpty(error.GetString()));
        await AssertSocketStillServesAsync(socket);
    }

    [Theory]
    [InlineData("{\"type\":1,\"target\":")]
    [InlineData("not json at all")]
    [InlineData("{\"type\":\"one\"}")]
    [InlineData("[]")]
    public async Task MalformedJsonClosesOnlyThatConnection(string frame)
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));

        await socket.SendTextAsync(frame + RawHubSocket.RecordSeparator);
        await socket.WaitForCloseAsync();

        await AssertNodeStillServesAsync();
    }

    [Fact]
    public async Task DeeplyNestedJsonClosesOnlyThatConnection()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));
        var nested = new string('[', 5000) + new string(']', 5000);

        await socket.SendTextAsync($$"""{"type":1,"invocationId":"1","target":"JoinRoom","arguments":[{{nested}}]}""" + RawHubSocket.RecordSeparator);
        var reply = await socket.ReceiveRecordAsync();

        // Either the call fails or the connection closes; both are fine as long as the node survives.
        Assert.True(reply is null || reply.Contains("error", StringComparison.Ordinal), reply);
        await AssertNodeStillServesAsync();
    }

    [Fact]
    public async Task BinaryGarbageClosesOnlyThatConnection()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));
        var garbage = new byte[1024];
        new Random(42).NextBytes(garbage);

        await socket.SendAsync(garbage, WebSocketMessageType.Binary);
        await socket.WaitForCloseAsync();

        await AssertNodeStillServesAsync();
    }

    [Fact]
    public async Task AnInvocationBeforeTheHandshakeIsRefused()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"), handshake: false);

        await socket.SendTextAsync("""{"type":1,"invocationId":"1","target":"GetOnlineUsers","arguments":[]}""" + RawHubSocket.RecordSeparator);
        var reply = await socket.ReceiveRecordAsync();

        Assert.True(reply is null || reply.Contains("error", StringComparison.Ordinal), reply);
        Assert.Null(await socket.ReceiveRecordAsync());
        await AssertNodeStillServesAsync();
    }

    [Fact]
    public async Task AnUnknownProtocolInTheHandshakeIsRefused()
    {
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"), handshake: false);

        await socket.SendTextAsync("""{"protocol":"smoke-signals","version":1}""" + RawHubSocket.RecordSeparator);
        var reply = await socket.ReceiveRecordAsync();

        Assert.Contains("error", reply);
        await AssertNodeStillServesAsync();
    }

    [Fact]
    public async Task FramesOver32KiBCloseTheConnection()
    {
        var room = Unique.Name("room");
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));
        await socket.InvokeAsync("1", "JoinRoom", $"[\"{room}\"]");
        var text = new string('x', 33 * 1024);

        await socket.SendTextAsync($$"""{"type":1,"invocationId":"2","target":"SendMessage","arguments":["{{room}}","{{text}}",null]}""" + RawHubSocket.RecordSeparator);
        await socket.WaitForCloseAsync();

        await using var other = await HubProbe.ConnectAsync(Node, Unique.Name("reader"));
        await other.JoinRoomAsync(room);
        Assert.Empty(await other.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task AFrameJustUnder32KiBIsAccepted()
    {
        var room = Unique.Name("room");
        await using var socket = await RawHubSocket.ConnectAsync(Node, Unique.Name("raw"));
        await socket.InvokeAsync("1", "JoinRoom", $"[\"{room}\"]");

        // Within the frame limit but over the text limit: refused as a message, connection kept.
        var completion = await socket.InvokeAsync("2", "SendMessage", $"[\"{room}\",\"{new string('x', 30 * 1024)}\",null]");

        Assert.StartsWith("invalid message", completion.GetProperty("error").GetString());
        await AssertSocketStillServesAsync(socket);
    }

    private static async Task AssertSocketStillServesAsync(RawHubSocket socket)
    {
        var completion = await socket.InvokeAsync("ok", "GetOnlineUsers", "[]");
        Assert.Equal(JsonValueKind.Array, completion.GetProperty("result").ValueKind);
    }

    private async Task AssertNodeStillServesAsync()
    {
        await using var probe = await HubProbe.ConnectAsync(Node, Unique.Name("after"));
        Assert.Contains(await probe.GetOnlineUsersAsync(), u => u.UserId == probe.UserId);
    }
}
