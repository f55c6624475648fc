using System.CommandLine;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>The CLI's <c>publish</c> and <c>notify</c> commands (CONTRACT §6), parsed and invoked in-process against a real node.</summary>
public sealed class ApiCommandTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly string _room = Unique.Name("room");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task PublishPostsIntoTheRoomAsTheSenderAndExitsZero()
    {
        await using var member = await HubProbe.ConnectAsync(fixture.Node, Unique.Name("erin"));
        await member.JoinRoomAsync(_room);

        var exitCode = await InvokeAsync("publish", "--server", fixture.Node.BaseUri.ToString(), "--api-key", TestAuth.ApiKey,
            "--room", _room, "--sender", "billing-bot", "--text", "invoice ready");

        Assert.Equal(ApiCommands.Accepted, exitCode);
        Assert.Matches(@"^posted #1 to room-\S+ \(", _output.ToString());
        var received = Assert.Single(await member.Messages.WaitForCountAsync(1, "the published message"));
        Assert.Equal(("billing-bot", "invoice ready"), (received.SenderId, received.Text));
    }

    [Fact]
    public async Task NotifySendsTheJsonDataToTheUserAndExitsZero()
    {
        var userId = Unique.Name("frank");
        await using var probe = await HubProbe.ConnectAsync(fixture.Node, userId);

        var exitCode = await InvokeAsync("notify", "--server", fixture.Node.BaseUri.ToString(), "--api-key", TestAuth.ApiKey,
            "--user", userId, "--type", "invoice.ready", "--data", """{"invoice":42}""");

        Assert.Equal(ApiCommands.Accepted, exitCode);
        var notification = Assert.Single(await probe.Notifications.WaitForCountAsync(1, "the notification"));
        Assert.Equal("invoice.ready", notification.Type);
        Assert.Equal(42, ((System.Text.Json.JsonElement)notification.Data!).GetProperty("invoice").GetInt32());
    }

    [Fact]
    public async Task AWrongKeyExitsWithRefusedAndSaysWhy()
    {
        var exitCode = await InvokeAsync("publish", "--server", fixture.Node.BaseUri.ToString(), "--api-key", "not-a-key",
            "--room", _room, "--sender", "bot", "--text", "hi");

        Assert.Equal(ApiCommands.Refused, exitCode);
        Assert.StartsWith("error: 401", _error.ToString());
    }

    [Fact]
    public async Task InvalidDataIsRefusedBeforeAnythingIsSent()
    {
        var exitCode = await InvokeAsync("notify", "--server", fixture.Node.BaseUri.ToString(), "--api-key", TestAuth.ApiKey,
            "--user", "bob", "--type", "t", "--data", "{not json");

        Assert.Equal(ApiCommands.Refused, exitCode);
        Assert.Contains("--data is not valid JSON", _error.ToString());
    }

    [Fact]
    public async Task NoServerListeningExitsWithFailed()
    {
        var exitCode = await InvokeAsync("notify", "--server", "http://127.0.0.1:9/", "--api-key", TestAuth.ApiKey, "--user", "bob", "--type", "t");

        Assert.Equal(ApiCommands.Failed, exitCode);
    }

    private Task<int> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { ApiCommands.Publish(), ApiCommands.Notify() };
        var configuration = new InvocationConfiguration { Output = _output, Error = _error, ProcessTerminationTimeout = null };
        return root.Parse(args).InvokeAsync(configuration).WaitAsync(TestTimeouts.Reconnect);
    }
}
