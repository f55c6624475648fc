using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>Several frames in one WebSocket message: an odd one among them must not hold up the ones behind it.</summary>
public sealed class FrameSequenceTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Theory]
    [InlineData("""{"type":99}""")]
    [InlineData("""{"type":0,"invocationId":"x"}""")]
    [InlineData("""{"type":-949001732,"invocationId":"1","target":"SetTyping","arguments":["room",true]}""")]
    public async Task AFrameOfUnknownTypeIsSkippedAndTheFramesBehindItAreAnswered(string unknown)
    {
        await using var socket = await RawHubSocket.ConnectAsync(fixture.Node, Unique.Name("raw"));

        // One message, as it would arrive in one read: the unknown frame, then a call.
        var outcome = await RawOutcome.SendAsync(
            socket, unknown + RawHubSocket.RecordSeparator + """{"type":1,"invocationId":"after","target":"GetOnlineUsers","arguments":[]}""", "after");

        Assert.Equal(JsonValueKind.Array, outcome.Result?.ValueKind);
    }
}
