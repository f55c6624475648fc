using System.Net;
using RealtimeHub.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>ChatClient asks its token provider on every connect, so an expired token is replaced by reconnecting.</summary>
public sealed class ChatClientTokenTests : IAsyncLifetime
{
    private readonly string _room = Unique.Name("room");
    private HubNode _node = null!;

    // No clock skew: the server closes the connection the moment the short token expires.
    public async Task InitializeAsync() => _node = await HubNode.StartAsync(new HubNodeOptions { Settings = { ["Auth:ClockSkew"] = "00:00:00" } });

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task AccessTokenProviderIsCalledAgainOnReconnectSoAnExpiredTokenIsReplaced()
    {
        // Request 1: a good token. Request 2 (first reconnect attempt): an expired one, refused with 401.
        // Request 3 onwards: good again. The client must keep asking rather than reuse what it had.
        var refused = DateTime.UtcNow.AddMinutes(-5);
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", issueToken: request => request == 2
            ? TestAuth.CreateToken("alice", notBefore: refused.AddMinutes(-1), expires: refused)
            : _node.IssueToken("alice"));
        await alice.Client.JoinRoomAsync(_room);

        alice.CloseGate(); // so request 2 reaches the restarted node, not a closed port
        await _node.StopAsync();
        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        _node = await _node.RestartAsync();
        alice.OpenGate();
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var sent = await alice.Client.SendMessageAsync(_room, "back with a fresh token").WaitAsync(TestTimeouts.Event);

        Assert.True(alice.TokenRequests >= 3, $"expected a token request per attempt, got {alice.TokenRequests}");
        Assert.Contains(alice.States.Snapshot(), s => s.Error is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized });
        Assert.Equal("back with a fresh token", sent.Text);
    }

    [Fact]
    public async Task ConnectionClosedWhenItsTokenExpiresComesBackWithAFreshToken()
    {
        // Long enough to connect and join on a busy machine (exp has whole-second precision), short enough to expire here.
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", issueToken: request =>
            _node.IssueToken("alice", request == 1 ? TimeSpan.FromSeconds(6) : TimeSpan.FromHours(1)));
        await alice.Client.JoinRoomAsync(_room);

        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var sent = await alice.Client.SendMessageAsync(_room, "still here").WaitAsync(TestTimeouts.Event);

        Assert.True(alice.TokenRequests >= 2, $"expected a new token for the reconnect, got {alice.TokenRequests} request(s)");
        Assert.Equal("still here", sent.Text);
        Assert.Equal([_room], alice.Client.Rooms);
    }

    [Fact]
    public async Task DevTokenProviderFetchesATokenTheHubAccepts()
    {
        using var tokens = new DevTokenProvider(_node.BaseUri, "carol");
        await using var client = new ChatClient(ChatClientOptions.ForServer(_node.BaseUri, tokens.GetTokenAsync));
        await client.StartAsync().WaitAsync(TestTimeouts.Event);

        await client.JoinRoomAsync(_room);
        var sent = await client.SendMessageAsync(_room, "hello");

        Assert.Equal("carol", tokens.UserId);
        Assert.Equal("carol", sent.SenderId);
        Assert.Same(await tokens.GetTokenAsync(), await tokens.GetTokenAsync());
    }
}
