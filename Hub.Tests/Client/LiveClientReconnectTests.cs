using System.Text.Json;
using RealtimeHub.Client;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>LiveClient watches through node restarts: they continue with a fresh snapshot and never go back a version.</summary>
public sealed class LiveClientReconnectTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _feed = Unique.Name("quotes");

    [Fact]
    public async Task AWatchSurvivesARestartOfAnEmbeddedNodeAndContinuesWithItsFreshSnapshot()
    {
        var node = await HubNode.StartAsync();
        try
        {
            await node.CreateApiClient().PublishAsync(_feed, [("A", "before")]);
            await using var alice = await TestLiveClient.ConnectAsync(node, Unique.Name("alice"));
            await using var watch = alice.Watch(_feed);
            await watch.ItemAsync(1);

            alice.CloseGate();
            await node.StopAsync();
            await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
            node = await node.RestartAsync();
            await node.CreateApiClient().PublishAsync(_feed, [("A", "after restart")]); // the restarted node kept nothing: version 1 again
            alice.OpenGate();
            await alice.WaitForStateAsync(ChatConnectionState.Connected, times: 2);
            await watch.ItemAsync(2);
            await node.CreateApiClient().PublishAsync(_feed, [("A", "later")]);
            await watch.ItemAsync(3);

            Assert.Equal(["S A1 before", "S A1 after restart", "A2 later"], Described(watch));
        }
        finally
        {
            await node.StopAsync();
        }
    }

    [Fact]
    public async Task AfterARestartOnRedisTheWatchYieldsTheNewestVersionsOnceAndNeverAnOlderOne()
    {
        var options = new HubNodeOptions { RedisConfiguration = redis.Configuration, ChannelPrefix = RedisServerFixture.NewPrefix("live-client") };
        await using var publisher = await HubNode.StartAsync(options);
        var watcherNode = await HubNode.StartAsync(options);
        try
        {
            var api = publisher.CreateApiClient();
            await api.PublishAsync(_feed, [("A", "v1"), ("B", "v1")]);
            await using var alice = await TestLiveClient.ConnectAsync(watcherNode, Unique.Name("alice"));
            await using var watch = alice.Watch(_feed);
            await watch.ItemAsync(1);
            await api.PublishAsync(_feed, [("A", "v2")]);
            await watch.ItemAsync(2);

            alice.CloseGate();
            await watcherNode.StopAsync();
            await alice.WaitForStateAsync(ChatConnectionState.Reconnecting);
            await api.PublishAsync(_feed, [("A", "v3")]); // missed while away: conflated into the snapshot
            await api.PublishAsync(_feed, [("A", "v4")]);
            watcherNode = await watcherNode.RestartAsync();
            alice.OpenGate();
            await watch.ItemAsync(3);
            await api.PublishAsync(_feed, [("B", "v2")]);
            await watch.ItemAsync(4);

            Assert.Equal(["S A1 v1 B1 v1", "A2 v2", "S A4 v4 B1 v1", "B2 v2"], Described(watch));
        }
        finally
        {
            await watcherNode.StopAsync();
        }
    }

    [Fact]
    public async Task AWatchTheHubCannotServeForNowIsWatchedAgainOnceRedisIsBack()
    {
        await using var ownRedis = await RedisServerFixture.StartLocalAsync(); // stopped below: not the class's shared one
        await using var node = await HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = ownRedis.Configuration + FaultTestNodes.ShortTimeouts, ChannelPrefix = RedisServerFixture.NewPrefix("live-client"),
        });
        var policy = new RecordingRetryPolicy(delay: TimeSpan.FromMilliseconds(100));
        await using var alice = await TestLiveClient.ConnectAsync(node, Unique.Name("alice"), o => o.RetryPolicy = policy);

        await ownRedis.StopAsync();
        await using var watch = alice.Watch(_feed);
        await policy.Asked.WaitUntilAsync(
            asked => asked.Any(c => c.RetryReason?.Message.Contains(LiveErrors.Unavailable) == true), "the hub to answer unavailable", TestTimeouts.Reconnect);
        Assert.Empty(watch.Items.Snapshot());
        await ownRedis.StartAsync();
        await Poll.UntilAsync(async () =>
        {
            try
            {
                return await node.CreateApiClient().PublishAsync(_feed, [("A", "back")]) == 1;
            }
            catch (RealtimeHub.Client.Api.RealtimeHubApiException)
            {
                return false; // the node has not reconnected to Redis yet
            }
        }, "a publish once Redis is back", TestTimeouts.Reconnect);

        await watch.HasAsync("A", 1, TestTimeouts.Reconnect);
        Assert.True(watch.Items.Snapshot()[0].Snapshot);
        Assert.Equal(ChatConnectionState.Connected, alice.Client.State); // the connection never dropped: only the watch was retried
    }

    /// <summary>Each item as "S A1 v1 B1 v1": S for a snapshot, then each key with its version and value, keys sorted.</summary>
    private static List<string> Described(WatchRecorder watch) =>
    [
        .. watch.Items.Snapshot().Select(batch => string.Join(' ', batch.Updates
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => $"{u.Key}{u.Version} {((JsonElement)u.Value!).GetString()}")
            .Prepend(batch.Snapshot ? "S" : null)
            .OfType<string>())),
    ];
}
