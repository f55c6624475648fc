using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>Redis and nodes failing under a live conversation. Each test has its own redis-server, with AOF on, as production would.</summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private RedisServerFixture _redis = null!;
    private string _dataDirectory = null!;
    private readonly string _prefix = RedisServerFixture.NewPrefix("faults");

    public async Task InitializeAsync()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("rh-redis-").FullName;
        _redis = await RedisServerFixture.StartLocalAsync("--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory);
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await _redis.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("realtimehub")]
    [InlineData("signalr")]
    public async Task NodesSurviveARedisRestartAndCrossNodeDeliveryResumes(string backplane)
    {
        var node1 = await StartNodeAsync("n1", Backplane(backplane));
        var node2 = await StartNodeAsync("n2", Backplane(backplane));
        var room = Unique.Name("room");
        var alice = await ConnectAsync(node1, "alice");
        var bob = await ConnectAsync(node2, "bob");
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);
        await bob.WaitForMessageAsync(await alice.SendMessageAsync(room, "before"));

        await _redis.StopAsync();

        await WaitForReadinessAsync(node1, HttpStatusCode.ServiceUnavailable);
        await WaitForReadinessAsync(node2, HttpStatusCode.ServiceUnavailable);
        Assert.False((await GetStatsAsync(node1)).BackplaneConnected);
        Assert.Equal(HttpStatusCode.OK, (await node1.CreateHttpClient().GetAsync("healthz")).StatusCode);
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(room, "during")).WaitAsync(TestTimeouts.Event);
        Assert.StartsWith(ChatErrors.Unavailable, refused.Message, StringComparison.Ordinal);

        await _redis.StartAsync();

        await WaitForReadinessAsync(node1, HttpStatusCode.OK);
        await WaitForReadinessAsync(node2, HttpStatusCode.OK);
        var after = await alice.SendMessageAsync(room, "after");
        await bob.WaitForMessageAsync(after);
        Assert.Equal(2, after.Sequence); // the refused send stored nothing, and the sequence survived the restart
        Assert.Equal(["before", "after"], (await bob.GetHistoryAsync(room, 0, 10)).Select(m => m.Text));
    }

    [Theory]
    [InlineData("realtimehub")]
    [InlineData("signalr")]
    public async Task AClientConnectingWhileRedisIsDownIsLetInOnceItReturns(string backplane)
    {
        var node = await StartNodeAsync("n1", Backplane(backplane));
        await _redis.StopAsync();
        await WaitForReadinessAsync(node, HttpStatusCode.ServiceUnavailable);
        var user = Unique.Name("early");
        var connection = new HubConnectionBuilder()
            .WithUrl(node.HubUri, options => options.AccessTokenProvider = () => Task.FromResult<string?>(TestAuth.CreateToken(user)))
            .WithAutomaticReconnect(new SteadyRetryPolicy())
            .Build();
        _owned.Add(connection);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        await connection.StartAsync(); // the handshake passes; the node then asks it to come back later: it cannot register it
        await _redis.StartAsync();

        // Attempts made while Redis is still coming up are sent away again; one after it is back stays.
        UserPresence[] online = [];
        await Poll.UntilAsync(async () =>
        {
            Assert.False(closed.Task.IsCompleted, $"closed for good: {(closed.Task.IsCompleted ? closed.Task.Result : null)}");
            try
            {
                online = await connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers));
                return online.Any(u => u.UserId == user);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HubException)
            {
                return false; // reconnecting, or sent away while the call was in flight
            }
        }, "the client to be let in", TestTimeouts.Reconnect);
        Assert.Contains(online, u => u.UserId == user);
    }

    [Fact]
    public async Task ACrashedNodesUsersLeavePresenceOnTheSurvivors()
    {
        var fastReaping = new Dictionary<string, string?>
        {
            ["Redis:Presence:HeartbeatInterval"] = "00:00:00.500",
            ["Redis:Presence:NodeTimeout"] = "00:00:02",
            ["Redis:Presence:ReapInterval"] = "00:00:00.500",
        };
        var doomed = await StartNodeAsync("doomed", fastReaping, owned: false);
        var survivor = await StartNodeAsync("survivor", fastReaping);
        var room = Unique.Name("room");
        var aliceId = Unique.Name("alice");
        var alice = await HubProbe.ConnectAsync(doomed, aliceId);
        var bob = await ConnectAsync(survivor, "bob");
        await bob.JoinRoomAsync(room);
        await alice.JoinRoomAsync(room);
        Assert.Contains(await bob.GetOnlineUsersAsync(), u => u.UserId == aliceId);

        await doomed.CrashAsync();

        var left = await bob.Left.WaitUntilAsync(all => all.Any(e => e.User.UserId == aliceId), "alice's departure", TimeSpan.FromSeconds(60));
        Assert.Equal(room, left.Single(e => e.User.UserId == aliceId).Room);
        Assert.DoesNotContain(await bob.GetOnlineUsersAsync(), u => u.UserId == aliceId);
        Assert.DoesNotContain(aliceId, (await bob.JoinRoomAsync(room)).Members.Select(m => m.UserId));
        await alice.DisposeAsync();
    }

    [Fact]
    public async Task ARestartedNodeServesTheHistoryWrittenBeforeIt()
    {
        var node1 = await StartNodeAsync("n1", owned: false);
        var room = Unique.Name("room");
        await using (var alice = await HubProbe.ConnectAsync(node1, Unique.Name("alice")))
        {
            await alice.JoinRoomAsync(room);
            for (var i = 1; i <= 5; i++)
            {
                await alice.SendMessageAsync(room, $"m{i}");
            }
        }

        await node1.StopAsync();
        var restarted = await StartNodeAsync("n1", port: node1.Port);
        var bob = await ConnectAsync(restarted, "bob");
        var snapshot = await bob.JoinRoomAsync(room);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], snapshot.Recent.Select(m => m.Text));
        Assert.Equal(6, (await bob.SendMessageAsync(room, "m6")).Sequence);
    }

    private static Dictionary<string, string?> Backplane(string backplane) => new() { ["Redis:Backplane"] = backplane };

    private async Task<HubNode> StartNodeAsync(string name, IDictionary<string, string?>? settings = null, bool owned = true, int port = 0)
    {
        var node = await HubNode.StartAsync(new HubNodeOptions
        {
            Port = port,
            NodeName = name,
            RedisConfiguration = _redis.Configuration,
            ChannelPrefix = _prefix,
            Settings = settings ?? new Dictionary<string, string?>(),
        });
        if (owned)
        {
            _owned.Add(node);
        }

        return node;
    }

    private async Task<HubProbe> ConnectAsync(HubNode node, string user)
    {
        var probe = await HubProbe.ConnectAsync(node, Unique.Name(user));
        _owned.Add(probe);
        return probe;
    }

    private static Task WaitForReadinessAsync(HubNode node, HttpStatusCode expected) =>
        Poll.UntilAsync(async () =>
        {
            using var client = node.CreateHttpClient();
            return (await client.GetAsync("readyz")).StatusCode == expected;
        }, $"/readyz to answer {(int)expected}");

    private static async Task<Stats> GetStatsAsync(HubNode node)
    {
        using var http = node.CreateHttpClient();
        return (await http.GetFromJsonAsync<Stats>("stats"))!;
    }
}
