using System.CommandLine;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>The CLI's <c>send</c> command, parsed and invoked in-process against a real node.</summary>
public sealed class SendCommandTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly string _room = Unique.Name("room");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task SendExitsZeroOnceTheHubAcknowledgedTheMessage()
    {
        var exitCode = await InvokeAsync("send", "--server", fixture.Node.BaseUri.ToString(), "--user", "dave", "--room", _room, "--text", "hello from the cli");

        Assert.Equal(SendCommand.Acknowledged, exitCode);
        Assert.Matches(@"^sent #1 to room-\S+ \(", _output.ToString());
        Assert.Empty(_error.ToString());
        await using var probe = await HubProbe.ConnectAsync(fixture.Node, "erin");
        var snapshot = await probe.JoinRoomAsync(_room);
        var stored = Assert.Single(snapshot.Recent);
        Assert.Equal(("dave", "hello from the cli"), (stored.SenderId, stored.Text));
    }

    [Theory]
    [InlineData("longpolling", "messagepack")]
    [InlineData("sse", "json")]
    public async Task SendWorksOverTheChosenTransportAndProtocol(string transport, string protocol)
    {
        var exitCode = await InvokeAsync(
            "send", "--server", fixture.Node.BaseUri.ToString(), "--user", "dave", "--room", _room, "--text", "hi",
            "--transport", transport, "--protocol", protocol);

        Assert.Equal(SendCommand.Acknowledged, exitCode);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task AnUnknownTransportIsAUsageError()
    {
        var exitCode = await InvokeAsync("send", "--server", fixture.Node.BaseUri.ToString(), "--user", "dave", "--room", _room, "--text", "hi", "--transport", "carrier-pigeon");

        Assert.NotEqual(SendCommand.Acknowledged, exitCode);
        Assert.Contains("--transport must be", _error.ToString());
    }

    [Fact]
    public async Task SendExitsNonZeroWithTheReasonWhenTheHubRefusesTheRoom()
    {
        var exitCode = await InvokeAsync("send", "--server", fixture.Node.BaseUri.ToString(), "--user", "dave", "--room", "no spaces allowed", "--text", "hi");

        Assert.Equal(SendCommand.Refused, exitCode);
        Assert.Contains("invalid room", _error.ToString());
    }

    [Fact]
    public async Task SendExitsNonZeroWhenNoServerListens()
    {
        var closedPort = new Uri("http://127.0.0.1:9/"); // discard port: nothing listens there

        var exitCode = await InvokeAsync("send", "--server", closedPort.ToString(), "--user", "dave", "--room", _room, "--text", "hi", "--timeout", "00:00:05");

        Assert.Equal(SendCommand.Failed, exitCode);
        Assert.StartsWith("error:", _error.ToString());
    }

    [Fact]
    public async Task SendWithoutRequiredOptionsIsAUsageError()
    {
        var exitCode = await InvokeAsync("send", "--server", fixture.Node.BaseUri.ToString(), "--user", "dave");

        Assert.NotEqual(SendCommand.Acknowledged, exitCode);
        Assert.Contains("--room", _error.ToString());
    }

    private Task<int> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { SendCommand.Create() };
        var configuration = new InvocationConfiguration { Output = _output, Error = _error, ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(configuration).WaitAsync(TestTimeouts.Reconnect);
    }
}
