using System.Net;
using System.Runtime.CompilerServices;
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
        // While the provider hands out an expired token, reconnect attempts are refused with 401; once it hands out
        // good ones again the client must get back in: it keeps asking rather than reusing what it had.
        var refused = DateTime.UtcNow.AddMinutes(-5);
        var expired = TestAuth.CreateToken("alice", notBefore: refused.AddMinutes(-1), expires: refused);
        var handOutExpired = new StrongBox<bool>();
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", issueToken: _ =>
            Volatile.Read(ref handOutExpired.Value) ? expired : _node.IssueToken("alice"));
        await alice.Client.JoinRoomAsync(_room);
        var requestsWhileConnected = alice.TokenRequests;

        Volatile.Write(ref handOutExpired.Value, true);
        await _node.StopAsync();
        _node = await _node.RestartAsync();
        await alice.States.WaitUntilAsync(
            all => all.Any(IsUnauthorized), "a reconnect attempt refused with 401", TestTimeouts.Reconnect);
        Volatile.Write(ref handOutExpired.Value, false);
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var sent = await alice.Client.SendMessageAsync(_room, "back with a fresh token").WaitAsync(TestTimeouts.Event);

        Assert.True(alice.TokenRequests >= requestsWhileConnected + 2, $"expected a token request per attempt, got {alice.TokenRequests}");
        Assert.Equal("back with a fresh token", sent.Text);
    }

    [Fact]
    public async Task ConnectionClosedWhenItsTokenExpiresComesBackWithAFreshToken()
    {
        // Long enough to connect and join on a busy machine (exp has whole-second precision), short enough to expire
        // here. Every token of the first connect is short (negotiate and the transport each ask for one).
        var shortTokens = new StrongBox<bool>(true);
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", issueToken: _ =>
            _node.IssueToken("alice", Volatile.Read(ref shortTokens.Value) ? TimeSpan.FromSeconds(6) : TimeSpan.FromHours(1)));
        await alice.Client.JoinRoomAsync(_room);
        var requestsWhileConnected = alice.TokenRequests;
        Volatile.Write(ref shortTokens.Value, false);

        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var sent = await alice.Client.SendMessageAsync(_room, "still here").WaitAsync(TestTimeouts.Event);

        Assert.True(alice.TokenRequests > requestsWhileConnected, $"expected a new token for the reconnect, got {alice.TokenRequests} request(s)");
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

    private static bool IsUnauthorized(ChatStateChange change) =>
        change.Error is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized };
}
