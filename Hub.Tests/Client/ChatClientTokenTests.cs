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
        var issued = new List<TimeSpan>();
        await using var alice = await TestChatClient.ConnectAsync(_node, "alice", issueToken: request =>
        {
            // Long enough to join first (exp has whole-second precision), short enough to expire during the test.
            var lifetime = request == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.FromHours(1);
            lock (issued)
            {
                issued.Add(lifetime);
            }

            return _node.IssueToken("alice", lifetime);
        });
        await alice.Client.JoinRoomAsync(_room);

        await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
        await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
        var sent = await alice.Client.SendMessageAsync(_room, "still here").WaitAsync(TestTimeouts.Event);

        Assert.Equal("still here", sent.Text);
        Assert.True(alice.TokenRequests >= 2, $"expected a new token for the reconnect, got {alice.TokenRequests} request(s)");
        lock (issued)
        {
            Assert.Equal(TimeSpan.FromHours(1), issued[^1]);
        }

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
