using RealtimeHub.Client;
using RealtimeHub.Client.Games;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Games;

/// <summary>
/// A started <see cref="GameClient"/> recording, in the order the client raised them, its states and connection
/// changes in one log (so a test can tell which state came first after a reconnect). Retries are quick. Disposing it
/// leaves its matches first, so the next test of a class sharing a node does not land among its seats in grace.
/// </summary>
internal sealed class TestGameClient : IAsyncDisposable
{
    private TestGameClient(Uri server, string userId, ChatProtocol protocol)
    {
        UserId = userId;
        var token = TestAuth.CreateToken(userId);
        var options = ChatClientOptions.ForServer(server, _ => Task.FromResult(token), HubRoutes.Game);
        options.Protocol = protocol;
        options.RetryPolicy = new SteadyRetryPolicy();
        Client = new GameClient(options);
        Client.StateReceived += (match, delta) => Events.Add(new GameClientEvent(match.MatchId, delta, null));
        Client.StateChanged += change => Events.Add(new GameClientEvent(null, null, change.State));
    }

    public string UserId { get; }

    public GameClient Client { get; }

    /// <summary>Every state (its match and delta) and every connection state change, in the order raised.</summary>
    public EventLog<GameClientEvent> Events { get; } = new();

    public static async Task<TestGameClient> ConnectAsync(Uri server, string user, ChatProtocol protocol = ChatProtocol.Json)
    {
        var client = new TestGameClient(server, Unique.Name(user), protocol);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Client.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>Waits until the client's view of <paramref name="match"/> satisfies <paramref name="condition"/>, checked at each state.</summary>
    public Task WaitForViewAsync(GameMatch match, Func<GameMatch, bool> condition, string what) =>
        Events.WaitUntilAsync(_ => condition(match), what, TestTimeouts.Event);

    public Task WaitForStateAsync(ChatConnectionState state, int times = 1) =>
        Events.WaitUntilAsync(all => all.Count(e => e.Connection == state) >= times, $"{UserId} {state} ×{times}", TestTimeouts.Reconnect);

    public async ValueTask DisposeAsync()
    {
        foreach (var match in Client.Matches)
        {
            try
            {
                await Client.LeaveMatchAsync(match.MatchId);
            }
            catch (Exception)
            {
                // only tidying up
            }
        }

        await Client.DisposeAsync();
    }
}
